-- Reference: Keycloak's own client-credentials grant (signs a JWT, like the exchange).
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
function init(args) headers["Authorization"] = "Basic " .. args[2] end
function request()
  return wrk.format("POST", nil, headers, "grant_type=client_credentials")
end
