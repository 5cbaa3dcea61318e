-- Reference: Keycloak's own token introspection of one access token (args[3]).
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local body
function init(args)
  headers["Authorization"] = "Basic " .. args[2]
  body = "token=" .. args[3]
end
function request()
  return wrk.format("POST", nil, headers, body)
end
