#pragma once
// The scripted mode (`yjsim-gui --script FILE`): drives the real window as a person would, by moving a
// virtual mouse onto widgets, clicking, and typing, then checks what the window shows. One command a line:
//
//   click KEY                 move the mouse onto the widget KEY and click it
//   double_click KEY          the same, clicking twice in quick succession
//   type KEY TEXT             click the field KEY, select all, type TEXT, press Enter
//   edit KEY TEXT             the same without Enter: the text typed, not confirmed
//   key SPEC                  press keys: "ctrl+s", "escape", "enter", "tab"
//   wait SECONDS              let time pass
//   wait_run [SECONDS]        until the run for the latest change has finished (default limit 60 s)
//   expect_text KEY TEXT      the text shown under KEY contains TEXT
//   expect_widget KEY         the widget KEY is on screen
//   expect_results FILE.toml  every figure in the results table equals the library's run of FILE.toml
//   expect_first_result_within SECONDS
//   expect_redraws_below N    the last wait_run redrew fewer than N times a second (no 30 fps while computing)
//   expect_file PATH          PATH exists and is not empty
//   screenshot PATH           save the window as PNG (fails if the picture is blank)
//   echo TEXT                 print TEXT
//   print KEY                 print the text shown under KEY
//
// `#` starts a comment. ${SOURCE} is the source tree, ${OUT} the folder of --screenshot (or the current one).
// Widget and text keys are listed in docs/gui.md.
#include <imgui.h>

#include <cfloat>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gui/ui_registry.h"
#include "gui/worker.h"

namespace yjsim::gui {

// What the script may look at and ask of the app.
class ScriptHost {
 public:
  virtual ~ScriptHost() = default;
  virtual UiRegistry& registry() = 0;
  virtual bool run_settled() const = 0;  // every edit has been run to the end (or cannot run)
  virtual Snapshot run_state() const = 0;
  virtual void request_screenshot(const std::string& path) = 0;  // after the next frame is drawn
  virtual bool screenshot_pending() const = 0;
  virtual std::string screenshot_error() const = 0;  // of the last one ("" if it was saved and not blank)
  virtual long frames_drawn() const = 0;              // frames drawn since the window opened
  virtual double seconds_idle() const = 0;            // waiting for events since then (not drawing)
};

class Script {
 public:
  // Throws sim::InputError naming the line of a command it does not know.
  Script(const std::string& path, const std::map<std::string, std::string>& vars);
  // Once a frame, before ImGui::NewFrame(): runs the script on and sets this frame's mouse and keys.
  void inject(ScriptHost& host);
  bool finished() const { return finished_; }
  // The script waits for a run to finish (wait_run): the app may draw as it would for a person meanwhile.
  bool waiting_for_run() const { return waiting_for_run_; }
  bool failed() const { return !failure_.empty(); }
  const std::string& failure() const { return failure_; }

 private:
  enum class Status { Next, Yield, Again, Fail };
  using Action = std::function<Status(ScriptHost&)>;
  struct Command {
    long line;
    std::string verb;
    std::vector<std::string> args;
    std::string rest;  // everything after the first argument (for TEXT)
  };
  void expand(const Command& c);
  void click(const std::string& key, int times = 1);
  void press_keys(const std::string& spec);
  Action expect_results(const std::string& reference);
  Action timed(double seconds, std::function<bool(ScriptHost&)> done,
               std::function<std::string(ScriptHost&)> why);
  Status fail(const std::string& why);

  std::vector<Command> commands_;
  std::size_t next_ = 0;
  std::deque<Action> actions_;
  const Command* current_ = nullptr;
  std::string failure_;
  bool finished_ = false;
  bool waiting_for_run_ = false;
  // The last wait_run's redraws: frames drawn and seconds waited (expect_redraws_below).
  long wait_frames_ = 0;
  double wait_seconds_ = 0, wait_idle_ = 0;
  // the virtual input
  ImVec2 mouse_{-FLT_MAX, -FLT_MAX};  // no mouse over the window until the script moves it
  bool down_ = false;
  std::set<int> keys_;
  bool ctrl_ = false, shift_ = false;
  std::string chars_;
};

}  // namespace yjsim::gui
