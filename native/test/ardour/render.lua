-- One format of the Ardour test, on a copy of the session record.lua made:
--  1. inserts Quell on the track and checks the latency Ardour reports (Q_LATENCY samples);
--  2. exports the session range (Ardour compensates the latency) to Q_OUT/render-<format>.wav;
--  3. loads every factory preset (the whole run is under a timeout: a preset that blocks the
--     host, as VST3 program changes once did, fails it);
--  4. rolls the transport, moves the look-ahead to 10 ms and then 0 ms as a host's automation
--     does, and checks that Ardour's latency follows (Q_LATENCY10, Q_LATENCY0).
-- Prints lines starting "QUELL-ARDOUR"; the last one is "QUELL-ARDOUR OK" only if all passed.
-- Environment: Q_SESSION, Q_FORMAT (lv2|vst3), Q_ID (URI or VST3 uid), Q_OUT, Q_LATENCY,
-- Q_LATENCY10, Q_LATENCY0, Q_PRESETS ('label=attenuation limit in dB' separated by ';').
local dir, fmt, id, out = os.getenv("Q_SESSION"), os.getenv("Q_FORMAT"), os.getenv("Q_ID"), os.getenv("Q_OUT")
AudioEngine:set_backend("None (Dummy)", "", "")
assert(load_session(dir, "quell"), "cannot load the session in " .. dir)
local track = Session:route_by_name("noisy"):to_track()
local ptype = fmt == "lv2" and ARDOUR.PluginType.LV2 or ARDOUR.PluginType.VST3
local proc = ARDOUR.LuaAPI.new_plugin(Session, id, ptype, "")
assert(not proc:isnil(), "Ardour does not find the plugin " .. id)
assert(track:add_processor_by_index(proc, 0, nil, true) == 0, "cannot insert the plugin")
local plugin = proc:to_plugininsert():plugin(0)

local function latency_becomes(want, what)
  for _ = 1, 50 do
    if track:signal_latency() == want then
      print("QUELL-ARDOUR latency " .. what .. ": " .. want .. " samples")
      return
    end
    ARDOUR.LuaAPI.usleep(100000)
  end
  error("latency " .. what .. ": Ardour reports " .. track:signal_latency() .. " samples, the plugin " .. want)
end

latency_becomes(tonumber(os.getenv("Q_LATENCY")), "at insert")

local range = Session:locations():session_range_location()
local export = Session:simple_export()
export:set_name("render-" .. fmt)
export:set_folder(out)
export:set_range(range:start():samples(), range:_end():samples())
assert(export:set_preset("75969a1c-3133-4694-864b-a1fa50e43348"), "Ardour's 'WAV @ session-rate' export preset is missing")
assert(export:run_export(), "the export failed")
print("QUELL-ARDOUR exported " .. (range:_end():samples() - range:start():samples()) .. " samples")

for label, limit in string.gmatch(os.getenv("Q_PRESETS"), "([^;=]+)=([^;]+)") do
  local preset = plugin:preset_by_label(label)
  assert(preset, "no preset '" .. label .. "'")
  local t0 = ARDOUR.LuaAPI.monotonic_time()
  assert(plugin:load_preset(preset), "cannot load preset '" .. label .. "'")
  local ms = (ARDOUR.LuaAPI.monotonic_time() - t0) / 1000
  -- the plugin tells the host its new values (VST3: restartComponent, deferred off the calling
  -- thread), so the host may show them a moment later
  local got
  for _ = 1, 30 do
    got = ARDOUR.LuaAPI.get_processor_param(proc, 2) -- the attenuation limit, dB
    if math.abs(got - tonumber(limit)) < 0.01 then break end
    ARDOUR.LuaAPI.usleep(100000)
  end
  assert(math.abs(got - tonumber(limit)) < 0.01, "preset '" .. label .. "' left the attenuation limit at " .. got .. " dB, not " .. limit)
  print(string.format("QUELL-ARDOUR preset '%s' loaded in %.1f ms (attenuation limit %s dB)", label, ms, limit))
end
ARDOUR.LuaAPI.reset_processor_to_default(proc)

Session:request_roll(ARDOUR.TransportRequestSource.TRS_UI)
ARDOUR.LuaAPI.usleep(300000)
ARDOUR.LuaAPI.set_processor_param(proc, 1, 10) -- the look-ahead, in ms, as automation sets it
latency_becomes(tonumber(os.getenv("Q_LATENCY10")), "at 10 ms look-ahead")
ARDOUR.LuaAPI.set_processor_param(proc, 1, 0)
latency_becomes(tonumber(os.getenv("Q_LATENCY0")), "at 0 ms look-ahead")
Session:request_stop(false, false, ARDOUR.TransportRequestSource.TRS_UI)
ARDOUR.LuaAPI.usleep(300000)
close_session()
print("QUELL-ARDOUR OK")
quit()
