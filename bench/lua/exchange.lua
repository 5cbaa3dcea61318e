-- Door 1: POST .../personal-api-tokens/exchange with Authorization: APIToken <token>, tokens in turn.
package.path = package.path .. ";bench/lua/?.lua"
local tokens = require("tokens")
function init(args) tokens.load(args[1]) end
function request()
  return wrk.format("POST", nil, { ["Authorization"] = "APIToken " .. tokens.next() }, "")
end
