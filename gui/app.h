#pragma once
// The app: menus, the two panels, file actions, and when to start a run. Runs happen on the worker; the
// window only edits, shows and saves.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <optional>
#include <string>

#include "gui/app_state.h"
#include "gui/file_dialog.h"
#include "gui/results_panel.h"
#include "gui/results_view.h"
#include "gui/scenario_panel.h"
#include "gui/script.h"
#include "gui/settings.h"
#include "gui/ui_registry.h"
#include "gui/window.h"
#include "gui/worker.h"

namespace yjsim::gui {

struct Options {
  std::string scenario;    // "" : the bundled default
  std::string script;      // scripted mode (tests)
  std::string screenshot;  // with a script: the window as PNG at the end
};

class App : public ScriptHost {
 public:
  App(Window& window, const Options& options);
  ~App() override;
  App(const App&) = delete;
  App& operator=(const App&) = delete;
  int run();  // the main loop; returns the exit code

  // ScriptHost
  UiRegistry& registry() override { return ui_; }
  bool run_settled() const override;
  Snapshot run_state() const override { return run_; }
  void request_screenshot(const std::string& path) override;
  bool screenshot_pending() const override { return capture_.has_value(); }
  std::string screenshot_error() const override { return screenshot_error_; }
  long frames_drawn() const override { return frames_drawn_; }
  double seconds_idle() const override { return seconds_idle_; }

 private:
  enum class Purpose { Open, SaveAs, Hdf5, Csv, Chart, PrintChart, BoardPack };
  struct Capture {
    std::string key;  // a chart's key, or "" for the whole window
    std::string path;
    int frames;  // frames to wait (a closing dialog must be gone from the picture)
  };

  void wait();  // until there is something to draw
  void frame();
  void menus();
  void body();
  void message_banner();
  void shortcuts();
  void dialogs();
  void unsaved_dialog();
  void request_open(bool bundled);  // asks first when there are unsaved changes
  void schedule_run();
  void update_view();
  void after_render();
  std::string title() const;

  void open_path(const std::string& path);
  void save();
  void save_to(const std::string& path);
  void export_results(Purpose what, const std::string& path);
  void ask_path(Purpose purpose, const std::string& title, FileDialog::Mode mode,
                const std::string& extension, const std::string& initial);
  // File > Board pack: report::write_board_pack on the results on screen, on a thread of its own (the demand
  // run with unlimited places takes seconds); its message is shown when it ends.
  void start_board_pack(const std::string& path);
  // A chart's Print button: the board pack's chart of `kpi` as a PNG at print resolution, on the job thread.
  void start_chart_print(const std::string& kpi, const std::string& path);
  // One job at a time off the window's thread (the board pack, a chart print): `starting` is shown at once, the
  // job's (message, error) when it ends.
  void start_job(const std::string& starting, std::function<std::pair<std::string, bool>()> work);
  void job_message();
  void show(const std::string& text, bool error);
  bool results_complete() const;

  Window& window_;
  Options options_;
  AppState state_;
  Worker worker_;
  UiRegistry ui_;
  FileDialog dialog_;
  Purpose purpose_ = Purpose::Open;
  std::string chart_to_save_;
  std::string chart_to_print_;  // the KPI
  ScenarioPanelState scenario_panel_;
  ResultsPanelState results_panel_;
  Settings settings_;
  float scale_slider_ = 1;

  Snapshot run_;
  std::optional<ResultsView> view_;
  std::shared_ptr<const models::Results> view_results_;  // what view_ shows
  std::shared_ptr<const models::Results> view_demand_;   // and its capacity's demand run (null: none yet)
  long seen_edits_ = -1, submitted_edits_ = -1, submitted_job_ = 0;
  double edit_time_ = 0;
  std::string cannot_run_;

  std::string message_;
  bool message_error_ = false;
  std::optional<Capture> capture_;
  bool capturing_ = false;
  std::string screenshot_error_;
  std::unique_ptr<Script> script_;
  // What waits for the answer to "Unsaved changes": quitting, or opening another scenario.
  enum class Pending { None, Quit, Open, OpenDefault };
  Pending pending_ = Pending::None;
  bool unsaved_asked_ = false, quit_confirmed_ = false;
  std::string shown_title_;
  int settle_frames_ = 0;
  long frames_drawn_ = 0;
  double seconds_idle_ = 0;  // in wait_events, leaving the processor to the run

  std::thread job_thread_;
  std::atomic<bool> job_busy_{false}, job_cancel_{false};
  std::mutex job_mutex_;
  std::optional<std::pair<std::string, bool>> job_done_;  // message, error
};

}  // namespace yjsim::gui
