-- Door 3, the gateway case: GET .../personal-api-tokens/auth with the same few tokens again and again.
package.path = package.path .. ";bench/lua/?.lua"
local tokens = require("tokens")
function init(args) tokens.load(args[1], 10) end
function request()
  return wrk.format("GET", nil, { ["Authorization"] = "APIToken " .. tokens.next() })
end
