-- Door 3 with an app password: GET .../personal-api-tokens/auth with Authorization: Basic base64(username:token).
package.path = package.path .. ";bench/lua/?.lua"
local tokens = require("tokens")
function init(args) tokens.load(args[1], 10) end
function request()
  return wrk.format("GET", nil, { ["Authorization"] = "Basic " .. tokens.next() })
end
