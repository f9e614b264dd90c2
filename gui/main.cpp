// yjsim-gui [SCENARIO.toml]: the planners' desktop app (docs/gui.md).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "gui/app.h"
#include "gui/settings.h"
#include "gui/window.h"
#include "sim/errors.h"

namespace {

const char* const kUsage =
    "usage: yjsim-gui [SCENARIO.toml] [--scale X] [--script FILE [--screenshot OUT.png]]\n"
    "  SCENARIO.toml   the scenario to open (default: the bundled scenarios/default.toml)\n"
    "  --scale X       text and spacing scale, 0.75-3 (default: remembered, else the screen's)\n"
    "  --script FILE   drive the window from a script and check what it shows (tests; docs/gui.md)\n"
    "  --screenshot F  with --script: save the window as PNG at the end\n";

bool parse(int argc, char** argv, yjsim::gui::Options& o, float& scale, bool& help) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (a == "--help" || a == "-h") {
      help = true;
      return true;
    }
    if (a == "--script" || a == "--screenshot" || a == "--scale") {
      const char* v = value();
      if (!v) return false;
      if (a == "--script")
        o.script = v;
      else if (a == "--screenshot")
        o.screenshot = v;
      else
        scale = std::strtof(v, nullptr);
    } else if (!a.empty() && a[0] == '-') {
      return false;
    } else if (o.scenario.empty()) {
      o.scenario = a;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  yjsim::gui::Options options;
  float scale = 0;
  bool help = false;
  if (!parse(argc, argv, options, scale, help) || help) {
    std::fputs(kUsage, help ? stdout : stderr);
    return help ? 0 : 2;
  }
  try {
    // A script sees the same window whatever this user's settings: scale 1 unless --scale, no saved layout.
    const bool scripted = !options.script.empty();
    // Ctrl-C / SIGTERM close the window as its close button does (one that comes while it opens is kept for then).
    if (!scripted) yjsim::gui::Window::close_on_signals();
    if (scale <= 0 && !scripted) scale = yjsim::gui::load_settings().scale.value_or(0);
    yjsim::gui::Window window(1600, 1000, "yjsim", scale > 0 ? scale : 1.0f,
                              scripted ? "" : yjsim::gui::layout_path());
    if (scale <= 0 && !scripted) window.set_scale(yjsim::gui::Window::suggested_scale());
    yjsim::gui::App app(window, options);
    const int code = app.run();
    const int sig = yjsim::gui::Window::close_signal();
    return code == 0 && sig ? 128 + sig : code;  // closed on a signal: 130 (SIGINT) or 143 (SIGTERM)
  } catch (const yjsim::sim::InputError& e) {  // a bad script
    std::fprintf(stderr, "yjsim-gui: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "yjsim-gui: %s\n", e.what());
    return 1;
  }
}
