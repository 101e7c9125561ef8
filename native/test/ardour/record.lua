-- Creates the session of the Ardour test: one mono track "noisy" holding a 4-second take.
-- Headless Ardour 7 cannot import a file from Lua, so the take is recorded from the Dummy
-- backend's noise generator and ardour_test.sh then replaces the take's audio file with the
-- noisy test signal (same length, rate and format).
-- Environment: Q_SESSION (folder to create), Q_SECONDS (take length).
local dir, seconds = os.getenv("Q_SESSION"), tonumber(os.getenv("Q_SECONDS") or "4")
local backend = AudioEngine:set_backend("None (Dummy)", "", "")
assert(backend, "no Dummy backend")
backend:set_device_name("Pink Noise")
assert(create_session(dir, "quell", 48000), "cannot create the session in " .. dir)
local tracks = Session:new_audio_track(1, 2, nil, 1, "noisy", ARDOUR.PresentationInfo.max_order, ARDOUR.TrackMode.Normal, true)
tracks:front():rec_enable_control():set_value(1, PBD.GroupControlDisposition.NoGroup)
Session:maybe_enable_record(false)
Session:request_roll(ARDOUR.TransportRequestSource.TRS_UI)
ARDOUR.LuaAPI.usleep(math.floor(seconds * 1e6))
Session:request_stop(false, false, ARDOUR.TransportRequestSource.TRS_UI)
ARDOUR.LuaAPI.usleep(500000)
Session:save_state("", false, false, false, false, false)
print("QUELL-ARDOUR recorded " .. Session:transport_sample() .. " samples")
close_session()
quit()
