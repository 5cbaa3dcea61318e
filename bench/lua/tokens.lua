-- Shared by the scenarios: reads token values (one per line) and hands them out in turn.
local tokens = {}
local next_index = 0

local M = {}

function M.load(path, limit)
  for line in io.lines(path) do
    if limit and #tokens >= limit then break end
    tokens[#tokens + 1] = line
  end
end

function M.next()
  next_index = next_index % #tokens + 1
  return tokens[next_index]
end

return M
