-- Exercises what Lua takes from C's library: setjmp/longjmp (errors,
-- pcall, coroutines, error objects through many levels), locale
-- (os.setlocale, number formatting and reading), stdio (files, buffers,
-- formats) and the math and string libraries. Prints the same lines
-- under any correct build of Lua 5.4.
local out = {}
local function say(...) print(...) end

-- errors: each one a longjmp out of the interpreter
say(pcall(error, "boom"))
do local ok, e = pcall(error, {code = 42}); say(ok, type(e), e.code) end
say(select(2, pcall(function() local t = nil; return t.x end)):match("attempt to index"))
local depth = 0
local function deep(n) if n == 0 then error("bottom", 0) end depth = depth + 1; return deep(n - 1) end
say(pcall(deep, 150), depth)
say(xpcall(function() error("handled") end, function(m) return "handler: " .. m end))
local ok, err = pcall(string.rep, "x", -1)
say(ok, err)
say(select("#", pcall(error)))

-- coroutines: each resume and yield is a setjmp/longjmp pair in C
local gen = coroutine.wrap(function() for i = 1, 5 do coroutine.yield(i * i) end end)
local squares = {}
for _ = 1, 5 do squares[#squares + 1] = gen() end
say(table.concat(squares, " "))
local co = coroutine.create(function(a) local b = coroutine.yield(a + 1); error("in coroutine " .. b) end)
say(coroutine.resume(co, 1))
say(coroutine.resume(co, "x"))
say(coroutine.status(co))

-- locale
say(os.setlocale("C"), os.setlocale(nil, "numeric"))
say(string.format("%.3f %g %e %5.1f|%-6d|%x", math.pi, 1e20, 12345.678, -2.25, 42, 255))
say(tonumber("0x1p4"), tonumber("  12.5  "), tonumber("1e2"), tonumber("z", 36), tonumber("nope"))
say(1e15, 2^53, 2^63, math.maxinteger, math.mininteger, -0.0, 1/0, -1/0)
say(string.format("%q", "tab\tnewline\nquote\"zero\0end"))
say(os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365))
say(os.time({year = 2000, month = 1, day = 1, hour = 12}) ~= nil)

-- stdio
local name = os.tmpname()
local f = assert(io.open(name, "w"))
for i = 1, 100 do f:write(string.format("line %03d %s\n", i, string.rep("ab", i % 7))) end
f:write("no newline at the end")
say(f:seek("cur"), f:seek("set", 0), f:seek("end"))
f:close()
local lines, bytes = 0, 0
for l in io.lines(name) do lines = lines + 1; bytes = bytes + #l end
say(lines, bytes)
f = assert(io.open(name, "r"))
say(f:read("l"), f:read(4), f:read("n"), f:read("l"))
f:seek("set", 10)
say(f:read(5), #f:read("a"))
f:close()
f = assert(io.open(name, "a+"))
f:setvbuf("full", 1024)
f:write("!")
f:close()
f = assert(io.open(name, "rb"))
local all = f:read("a")
f:close()
say(#all, all:sub(-3))
say(os.remove(name), io.open(name) == nil)
say(pcall(io.lines, "/nonexistent/file"))

-- strings, tables, math
local words = {}
for w in ("the quick brown fox jumps over the lazy dog"):gmatch("%a+") do words[#words + 1] = w end
table.sort(words)
say(table.concat(words, ","))
say(("hello world"):gsub("o", "0"), ("abc"):rep(3, "-"), ("%d items"):format(3))
say(string.pack("<i4", 1000):byte(1, -1))
say(utf8.char(72, 228, 8364, 128512), utf8.len("häll€"))
local t = {}
for i = 1, 1000 do t[i] = (i * 7919) % 1009 end
table.sort(t, function(a, b) return a > b end)
say(t[1], t[500], t[1000], #t)
say(math.floor(-3.5), math.ceil(-3.5), math.fmod(7, -3), 7 // -3, 7 % -3, math.tointeger(3.0))
say(math.sqrt(2), math.sin(1), math.exp(1), math.log(100, 10), math.huge)
say(string.format("%.14g", 0.1 + 0.2), 100000000000000 // 7, 3 / 2, 7 // 2)
collectgarbage()
say(collectgarbage("count") > 0)
say("done")
