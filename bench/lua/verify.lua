-- Door 5: POST .../personal-api-tokens/verify with token=<token>, client authenticated with Basic.
package.path = package.path .. ";bench/lua/?.lua"
local tokens = require("tokens")
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
function init(args)
  tokens.load(args[1])
  headers["Authorization"] = "Basic " .. args[2]
end
function request()
  return wrk.format("POST", nil, headers, "token=" .. tokens.next())
end
