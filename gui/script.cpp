#include "gui/script.h"

#include <GLFW/glfw3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <tuple>

#include "analysis/board_summary.h"
#include "report/format.h"
#include "gui/png_export.h"
#include "gui/results_view.h"
#include "analysis/comparison.h"
#include "input/scenario_reader.h"
#include "models/kpis.h"
#include "models/scenario.h"
#include "models/simulation.h"
#include "sim/errors.h"
#include "sim/summary.h"

namespace yjsim::gui {

using namespace report;

namespace {

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string substitute(std::string text, const std::map<std::string, std::string>& vars) {
  for (const auto& [name, value] : vars) {
    const std::string token = "${" + name + "}";
    for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size()))
      text.replace(at, token.size(), value);
  }
  return text;
}

int key_code(const std::string& name) {
  static const std::map<std::string, int> keys = {
      {"enter", GLFW_KEY_ENTER},   {"escape", GLFW_KEY_ESCAPE}, {"tab", GLFW_KEY_TAB},
      {"space", GLFW_KEY_SPACE},   {"up", GLFW_KEY_UP},         {"down", GLFW_KEY_DOWN},
      {"left", GLFW_KEY_LEFT},     {"right", GLFW_KEY_RIGHT},   {"backspace", GLFW_KEY_BACKSPACE},
      {"delete", GLFW_KEY_DELETE}, {"equal", GLFW_KEY_EQUAL},   {"minus", GLFW_KEY_MINUS}};
  if (auto it = keys.find(name); it != keys.end()) return it->second;
  if (name.size() == 1 && std::isalpha(static_cast<unsigned char>(name[0])))
    return GLFW_KEY_A + (std::tolower(static_cast<unsigned char>(name[0])) - 'a');
  if (name.size() == 1 && std::isdigit(static_cast<unsigned char>(name[0])))
    return GLFW_KEY_0 + (name[0] - '0');
  return -1;
}

// The figures the results table should show for `r`, by the keys the results panel records them under.
std::map<std::string, std::string> expected_cells(const models::Results& r) {
  std::map<std::string, std::string> cells;
  for (const auto& kpi : shown_kpis()) {
    const int k = models::kpi_index(kpi);
    for (long y = 0; y < r.calendar.years(); ++y)
      for (std::size_t v = 0; v < r.variants.size(); ++v) {
        const auto c = analysis::compare(r, v, k, static_cast<std::size_t>(y), true);
        const std::string key = "table/" + kpi + "/" + std::to_string(y) + "/" + std::to_string(v);
        cells[key + "/value"] = summary_text(kpi, c.variant);
        if (v == 0) continue;
        cells[key + "/diff"] = difference_text(kpi, c.diff);
        cells[key + "/p"] = shares_text(shares(r, v, k, static_cast<std::size_t>(y), true));
      }
    // The whole horizon's row: the library's horizon values, paired by replicate.
    const auto base = analysis::horizon_values(r, 0, k);
    for (std::size_t v = 0; v < r.variants.size(); ++v) {
      const auto var = analysis::horizon_values(r, v, k);
      std::vector<double> diff(base.size());
      for (std::size_t i = 0; i < base.size(); ++i) diff[i] = var[i] - base[i];
      const std::string key = "table/" + kpi + "/horizon/" + std::to_string(v);
      cells[key + "/value"] = summary_text(kpi, sim::summarise(var));
      if (v == 0) continue;
      cells[key + "/diff"] = difference_text(kpi, sim::summarise(diff));
      cells[key + "/p"] = shares_text(shares_of(diff, models::kpi_table()[static_cast<std::size_t>(k)].lower_is_better));
    }
  }
  for (std::size_t v = 1; v < r.variants.size(); ++v) {
    const auto costs = analysis::cost_per_outcome_avoided(r, v);
    for (std::size_t i = 0; i < costs.size(); ++i) {
      const std::string key = "cost/" + std::to_string(v) + "/" + std::to_string(i);
      cells[key + "/avoided"] = avoided_text(costs[i].avoided);
      cells[key + "/extra"] = extra_cost_text(costs[i].extra_cost);
      cells[key + "/per"] = cost_per_avoided_text(costs[i]);
    }
  }
  return cells;
}

}  // namespace

Script::Script(const std::string& path, const std::map<std::string, std::string>& vars) {
  std::ifstream in(path);
  if (!in) throw sim::InputError(path, 0, "", "no readable file", "a script file");
  static const std::set<std::string> verbs = {"click",         "double_click",   "type",           "key",
                                              "wait",          "wait_run",       "expect_text",
                                              "expect_widget", "expect_results", "expect_first_result_within",
                                              "expect_file",   "screenshot",     "echo",           "print",
                                              "edit",          "expect_file_text", "expect_png",     "expect_redraws_below"};
  std::string line;
  for (long n = 1; std::getline(in, line); ++n) {
    if (const auto hash = line.find('#');
        hash != std::string::npos && (hash == 0 || std::isspace(static_cast<unsigned char>(line[hash - 1]))))
      line.erase(hash);
    line = substitute(line, vars);
    std::istringstream words(line);
    Command c{n, "", {}, ""};
    if (!(words >> c.verb)) continue;
    if (!verbs.count(c.verb))
      throw sim::InputError(
          path, n, "", "\"" + c.verb + "\"",
          "click, double_click, type, key, wait, wait_run, expect_text, "
          "expect_widget, expect_results, expect_first_result_within, expect_redraws_below, expect_file, expect_file_text, expect_png, "
          "screenshot, echo, "
          "print, edit");
    for (std::string w; words >> w;) c.args.push_back(w);
    if (!c.args.empty()) {  // the rest of the line after the first argument, as typed (for `type`, `echo`)
      const auto first = line.find(c.args[0], line.find(c.verb) + c.verb.size());
      const auto after = line.find_first_not_of(" \t", first + c.args[0].size());
      c.rest = after == std::string::npos ? "" : line.substr(after);
      c.rest.erase(c.rest.find_last_not_of(" \t\r") + 1);
    }
    const bool needs_arg = c.verb != "wait_run";
    if (needs_arg && c.args.empty()) throw sim::InputError(path, n, c.verb, "no argument", "an argument");
    commands_.push_back(c);
  }
}

Script::Status Script::fail(const std::string& why) {
  failure_ = "script line " + std::to_string(current_ ? current_->line : 0) + " (" +
             (current_ ? current_->verb : "") + "): " + why;
  return Status::Fail;
}

Script::Action Script::timed(double seconds, std::function<bool(ScriptHost&)> done,
                             std::function<std::string(ScriptHost&)> why) {
  auto start = std::make_shared<double>(-1);
  return [this, seconds, done, why, start](ScriptHost& h) {
    if (*start < 0) *start = now();
    if (done(h)) return Status::Yield;
    if (now() - *start > seconds) return fail(why(h));
    return Status::Again;
  };
}

void Script::click(const std::string& key, int times) {
  auto scrolled = std::make_shared<int>(0);
  actions_.push_back(timed(
      5,
      [this, key, scrolled](ScriptHost& h) {
        const WidgetPlace* w = h.registry().find(key);
        if (w && w->visible && !w->enabled) {
          fail("widget '" + key + "' is greyed out (disabled)");
          return true;
        }
        if (w && w->visible) {
          mouse_ = {(w->min.x + w->max.x) / 2, (w->min.y + w->max.y) / 2};
          return true;
        }
        if (w && (*scrolled)++ % 10 == 0) h.registry().scroll_to(key);  // as a person scrolls to it
        return false;
      },
      [key](ScriptHost&) { return "no widget '" + key + "' on screen"; }));
  for (int i = 0; i < times; ++i) {
    actions_.push_back([this](ScriptHost&) {
      down_ = true;
      return Status::Yield;
    });
    actions_.push_back([this](ScriptHost&) {
      down_ = false;
      return Status::Yield;
    });
  }
  actions_.push_back([](ScriptHost&) { return Status::Yield; });
}

void Script::press_keys(const std::string& spec) {
  std::vector<int> codes;
  bool ctrl = false, shift = false;
  std::istringstream parts(spec);
  for (std::string part; std::getline(parts, part, '+');) {
    for (auto& ch : part) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (part == "ctrl")
      ctrl = true;
    else if (part == "shift")
      shift = true;
    else
      codes.push_back(key_code(part));
  }
  actions_.push_back([this, codes, ctrl, shift](ScriptHost&) {
    for (int c : codes)
      if (c < 0) return fail("unknown key in the key list");
    ctrl_ = ctrl;
    shift_ = shift;
    keys_.insert(codes.begin(), codes.end());
    return Status::Yield;
  });
  actions_.push_back([this](ScriptHost&) {
    keys_.clear();
    ctrl_ = shift_ = false;
    return Status::Yield;
  });
  actions_.push_back([](ScriptHost&) { return Status::Yield; });
}

Script::Action Script::expect_results(const std::string& reference) {
  auto future = std::make_shared<std::future<models::Results>>();
  return [this, reference, future](ScriptHost& h) {
    if (!future->valid()) {
      if (!h.run_settled()) return Status::Again;
      // The library's own run of the reference scenario, off the window's thread.
      *future = std::async(std::launch::async, [reference] {
        return models::run_scenario(input::load_scenario(reference), models::RunOptions{});
      });
      return Status::Again;
    }
    if (future->wait_for(std::chrono::seconds(0)) != std::future_status::ready) return Status::Again;
    std::optional<models::Results> run;
    try {
      run = future->get();
    } catch (const std::exception& e) {
      return fail(std::string("reference run failed: ") + e.what());
    }
    const models::Results& r = *run;
    const auto expected = expected_cells(r);
    const auto& shown = h.registry().texts();
    long wrong = 0;
    std::string first;
    for (const auto& [key, text] : expected) {
      auto it = shown.find(key);
      const std::string got = it == shown.end() ? "(not shown)" : it->second;
      if (got != text && wrong++ < 5)
        first += "\n  " + key + ": shown \"" + got + "\", library \"" + text + "\"";
    }
    long extra = 0;
    for (const auto& [key, text] : shown)
      if ((key.rfind("table/", 0) == 0 || key.rfind("cost/", 0) == 0) && !expected.count(key)) ++extra;
    if (wrong || extra)
      return fail(std::to_string(wrong) + " of " + std::to_string(expected.size()) + " figures differ, " +
                  std::to_string(extra) + " shown that the library has not:" + first);
    std::printf("script: %zu figures shown equal the library's run of %s (%ld replicates, %zu variants)\n",
                expected.size(), reference.c_str(), r.replicates, r.variants.size());
    return Status::Yield;
  };
}

void Script::expand(const Command& c) {
  const std::string a = c.args.empty() ? "" : c.args[0];
  auto number = [&](const std::string& text, double fallback) {
    try {
      return text.empty() ? fallback : std::stod(text);
    } catch (...) {
      return fallback;
    }
  };
  if (c.verb == "click") {
    click(a);
  } else if (c.verb == "double_click") {
    click(a, 2);
  } else if (c.verb == "type" || c.verb == "edit") {
    click(a);
    press_keys("ctrl+a");
    actions_.push_back([this, text = c.rest](ScriptHost&) {
      chars_ = text;
      return Status::Yield;
    });
    if (c.verb == "type") press_keys("enter");  // edit: typed, not confirmed (the field keeps the focus)
  } else if (c.verb == "key") {
    press_keys(a);
  } else if (c.verb == "wait") {
    const double s = number(a, 1);
    actions_.push_back(timed(
        s + 1,
        [start = std::make_shared<double>(-1), s](ScriptHost&) {
          if (*start < 0) *start = now();
          return now() - *start >= s;
        },
        [](ScriptHost&) { return std::string("wait"); }));
  } else if (c.verb == "wait_run") {
    const double limit = number(a, 60);
    actions_.push_back(timed(
        limit,
        [this, start = std::make_shared<std::tuple<long, double, double>>(-1, 0.0, 0.0)](ScriptHost& h) {
          if (std::get<0>(*start) < 0) *start = {h.frames_drawn(), now(), h.seconds_idle()};
          waiting_for_run_ = !h.run_settled();
          wait_frames_ = h.frames_drawn() - std::get<0>(*start);
          wait_seconds_ = now() - std::get<1>(*start);
          wait_idle_ = h.seconds_idle() - std::get<2>(*start);
          return !waiting_for_run_;
        },
        [limit](ScriptHost& h) {
          const Snapshot s = h.run_state();
          return "the run did not finish within " + std::to_string(limit) + " s (" + std::to_string(s.done) +
                 " of " + std::to_string(s.total) + " done)" + (s.error.empty() ? "" : ": " + s.error);
        }));
  } else if (c.verb == "expect_text") {
    actions_.push_back(timed(
        3,
        [key = a, text = c.rest](ScriptHost& h) {
          auto it = h.registry().texts().find(key);
          return it != h.registry().texts().end() && it->second.find(text) != std::string::npos;
        },
        [key = a, text = c.rest](ScriptHost& h) {
          auto it = h.registry().texts().find(key);
          return "'" + key + "' shows \"" + (it == h.registry().texts().end() ? "(nothing)" : it->second) +
                 "\", not \"" + text + "\"";
        }));
  } else if (c.verb == "expect_widget") {
    actions_.push_back(timed(
        3,
        [key = a](ScriptHost& h) {
          const auto* w = h.registry().find(key);
          return w && w->visible;
        },
        [key = a](ScriptHost&) { return "no widget '" + key + "' on screen"; }));
  } else if (c.verb == "expect_results") {
    actions_.push_back(expect_results(a));
  } else if (c.verb == "expect_first_result_within") {
    const double limit = number(a, 1);
    actions_.push_back([this, limit](ScriptHost& h) {
      const double s = h.run_state().first_result_seconds;
      std::printf("script: first result %.3f s after the run started\n", s);
      return s >= 0 && s <= limit ? Status::Next : fail("first result after " + std::to_string(s) + " s");
    });
  } else if (c.verb == "expect_redraws_below") {  // N: the last wait_run redrew fewer than N times a second
    const double limit = number(a, 10);
    actions_.push_back([this, limit](ScriptHost&) {
      const double rate = wait_seconds_ > 0 ? static_cast<double>(wait_frames_) / wait_seconds_ : 0;
      std::printf("script: %ld frames in %.2f s of wait_run (%.1f a second), idle %.0f%% of it\n", wait_frames_,
                  wait_seconds_, rate, 100 * wait_idle_ / wait_seconds_);
      return wait_seconds_ >= 1 && rate < limit ? Status::Next
                                                : fail(std::to_string(wait_frames_) + " frames in " +
                                                       std::to_string(wait_seconds_) + " s of wait_run");
    });
  } else if (c.verb == "expect_file") {
    actions_.push_back([this, a](ScriptHost&) {
      std::error_code ec;
      const auto size = std::filesystem::file_size(a, ec);
      return !ec && size > 0 ? Status::Next : fail("no file " + a);
    });
  } else if (c.verb == "expect_file_text") {  // PATH TEXT: the file holds TEXT (a saved scenario's comments)
    actions_.push_back([this, a, text = c.rest](ScriptHost&) {
      std::ifstream in(a, std::ios::binary);
      const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      return in && !text.empty() && body.find(text) != std::string::npos ? Status::Next : fail("no \"" + text + "\" in " + a);
    });
  } else if (c.verb == "expect_png") {  // PATH WIDTH HEIGHT: a PNG of that many pixels, not all one colour
    const int width = static_cast<int>(number(c.args.size() > 1 ? c.args[1] : "", 1)),
              height = static_cast<int>(number(c.args.size() > 2 ? c.args[2] : "", 1));
    actions_.push_back([this, a, width, height](ScriptHost&) {
      int w = 0, h = 0;
      try {
        const auto rgba = read_png(a, w, h);
        if (w != width || h != height)
          return fail(a + " is " + std::to_string(w) + " x " + std::to_string(h) + " pixels, not " +
                      std::to_string(width) + " x " + std::to_string(height));
        if (is_blank(rgba)) return fail(a + " is blank (every pixel one colour)");
      } catch (const std::exception& e) {
        return fail(e.what());
      }
      std::printf("script: %s is %d x %d pixels\n", a.c_str(), w, h);
      return Status::Next;
    });
  } else if (c.verb == "screenshot") {
    actions_.push_back([a](ScriptHost& h) {
      h.request_screenshot(a);
      return Status::Yield;
    });
    actions_.push_back([this](ScriptHost& h) {
      if (h.screenshot_pending()) return Status::Again;
      return h.screenshot_error().empty() ? Status::Next : fail(h.screenshot_error());
    });
  } else if (c.verb == "print") {
    actions_.push_back([key = a](ScriptHost& h) {
      auto it = h.registry().texts().find(key);
      std::printf("script: %s: %s\n", key.c_str(), it == h.registry().texts().end() ? "(nothing)" : it->second.c_str());
      return Status::Next;
    });
  } else if (c.verb == "echo") {
    actions_.push_back([text = c.rest.empty() ? a : a + " " + c.rest](ScriptHost&) {
      std::printf("script: %s\n", text.c_str());
      return Status::Next;
    });
  }
}

void Script::inject(ScriptHost& host) {
  while (!finished_ && failure_.empty()) {
    if (actions_.empty()) {
      if (next_ >= commands_.size()) {
        finished_ = true;
        mouse_ = {-FLT_MAX, -FLT_MAX};  // the mouse leaves the window: no tooltip in the final screenshot
        break;
      }
      current_ = &commands_[next_++];
      static const double start = now();
      std::printf("script: %6.2f s  line %ld: %s %s\n", now() - start, current_->line, current_->verb.c_str(),
                  current_->args.empty() ? "" : current_->args[0].c_str());
      std::fflush(stdout);
      expand(*current_);
      continue;
    }
    const Status s = actions_.front()(host);
    if (s == Status::Again || s == Status::Fail) break;
    actions_.pop_front();
    if (s == Status::Yield) break;
  }
  // This frame's virtual input, over what the backend read from the (absent) real devices.
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = mouse_;
  io.MouseDown[0] = down_;
  for (int k = 0; k < static_cast<int>(IM_ARRAYSIZE(io.KeysDown)); ++k) io.KeysDown[k] = keys_.count(k) > 0;
  io.KeyCtrl = ctrl_;
  io.KeyShift = shift_;
  for (char ch : chars_) io.AddInputCharacter(static_cast<unsigned char>(ch));
  chars_.clear();
}

}  // namespace yjsim::gui
