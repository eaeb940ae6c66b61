-- wrk script for `make bench`: POSTs of the registration form, one invitation per
-- request, as invitees submit it. Arguments (after `--`): a file with one invitation
-- path per line, the CSRF cookie header, the form's CSRF token, the thread count.
-- Each thread takes every n-th path; each request has its own submission key.

local next_id = 0
local threads = {}

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  local count = tonumber(args[4])
  local line_number = 0
  for line in io.lines(args[1]) do
    if line_number % count == id then
      table.insert(paths, line)
    end
    line_number = line_number + 1
  end
  cookie = args[2]
  csrf = args[3]
  sent = 0
  statuses = {}
end

function request()
  sent = sent + 1
  local path = paths[sent]
  if path == nil then
    -- Out of invitations: an unknown link, counted as an error in the results.
    return wrk.format("GET", "/en/registration/i/exhausted/")
  end
  local token = string.match(path, "/i/([^/]+)/$")
  local body = "csrfmiddlewaretoken=" .. csrf
    .. "&submission_key=" .. string.format("%08x-0000-4000-8000-%012x", id, sent)
    .. "&given_name=Bench&family_name=Invitee"
    .. "&email=" .. string.sub(token, 1, 12) .. "%40example.org"
    .. "&language=en&attendance=in_person&interpretation=&consent=on"
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do
    io.write(string.format("status %d: %d\n", status, n))
  end
end
