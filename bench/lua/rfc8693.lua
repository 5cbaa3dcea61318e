-- Door 2: RFC 8693 token exchange at the standard token endpoint, client authenticated with Basic.
package.path = package.path .. ";bench/lua/?.lua"
local tokens = require("tokens")
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
function init(args)
  tokens.load(args[1])
  headers["Authorization"] = "Basic " .. args[2]
end
function request()
  return wrk.format("POST", nil, headers,
    "grant_type=urn:ietf:params:oauth:grant-type:token-exchange"
    .. "&subject_token_type=urn:keycloak:params:oauth:token-type:personal-api-token"
    .. "&subject_token=" .. tokens.next())
end
