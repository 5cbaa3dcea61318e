-- Warm-up: every door and both references in turn, so the JIT compiles all their paths before any
-- round is measured. args: tokens file, Basic credentials, an access token, the realm's path.
package.path = package.path .. ";bench/lua/?.lua"
local tokens = require("tokens")
local form = "application/x-www-form-urlencoded"
local basic, introspected, realm
local turn = 0

function init(args)
  tokens.load(args[1])
  basic = "Basic " .. args[2]
  introspected = args[3]
  realm = args[4]
end

local requests = {
  function() return wrk.format("POST", realm .. "/personal-api-tokens/exchange", { ["Authorization"] = "APIToken " .. tokens.next() }, "") end,
  function() return wrk.format("POST", realm .. "/protocol/openid-connect/token", { ["Authorization"] = basic, ["Content-Type"] = form },
    "grant_type=urn:ietf:params:oauth:grant-type:token-exchange"
    .. "&subject_token_type=urn:keycloak:params:oauth:token-type:personal-api-token&subject_token=" .. tokens.next()) end,
  function() return wrk.format("GET", realm .. "/personal-api-tokens/auth", { ["Authorization"] = "APIToken " .. tokens.next() }) end,
  function() return wrk.format("POST", realm .. "/personal-api-tokens/verify", { ["Authorization"] = basic, ["Content-Type"] = form }, "token=" .. tokens.next()) end,
  function() return wrk.format("POST", realm .. "/protocol/openid-connect/token", { ["Authorization"] = basic, ["Content-Type"] = form }, "grant_type=client_credentials") end,
  function() return wrk.format("POST", realm .. "/protocol/openid-connect/token/introspect", { ["Authorization"] = basic, ["Content-Type"] = form }, "token=" .. introspected) end,
}

function request()
  turn = turn % #requests + 1
  return requests[turn]()
end
