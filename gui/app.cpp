#include "gui/app.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "gui/png_export.h"
#include "gui/summary_csv.h"
#include "gui/results_panel.h"
#include "io/atomic_file.h"
#include "io/writers.h"
#include "report/board_charts.h"
#include "report/board_pack.h"
#include "input/scenario_reader.h"
#include "input/scenario_writer.h"
#include "sim/errors.h"

namespace yjsim::gui {

namespace fs = std::filesystem;

namespace {

constexpr double kDebounceSeconds = 0.15;  // a run starts this long after the last keystroke

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// The parameters' defaults and no variant: what the app shows if even the bundled scenario cannot be read.
AppState empty_state() {
  AppState s;
  s.scenario.variants.push_back({"baseline", "", models::default_params(), {}});
  s.stash.resize(1);
  try {
    s.catalogue = input::load_catalogue(bundled_catalogue());
  } catch (const std::exception&) {
  }
  return s;
}

std::string stem_of(const std::string& path, const std::string& fallback) {
  return path.empty() ? fallback : fs::path(path).stem().string();
}

}  // namespace

App::App(Window& window, const Options& options)
    : window_(window), options_(options), worker_([] { Window::wake(); }), settings_(load_settings()) {
  scale_slider_ = window_.scale();
  state_ = empty_state();
  open_path(options.scenario.empty() ? bundled_scenario() : options.scenario);
  if (!options.script.empty()) {
    const std::string out = options.screenshot.empty()
                                ? fs::current_path().string()
                                : fs::absolute(options.screenshot).parent_path().string();
    script_ = std::make_unique<Script>(
        options.script, std::map<std::string, std::string>{{"SOURCE", YJSIM_SOURCE_DIR}, {"OUT", out}});
    // A script's double-click is two clicks on consecutive frames; on a loaded machine (CI) frames in software GL
    // can take longer than a person's 0.3 s, so scripts get a longer double-click time (scripts wait past it).
    ImGui::GetIO().MouseDoubleClickTime = 2.0f;
  }
}

App::~App() {
  job_cancel_ = true;
  if (job_thread_.joinable()) job_thread_.join();
}

// ---------------------------------------------------------------------------------------------------------------
// The loop

int App::run() {
  bool final_shot = false;
  for (;;) {
    if (window_.should_close() && !script_) {
      if (!state_.modified || quit_confirmed_) break;
      window_.set_should_close(false);
      pending_ = Pending::Quit;
      unsaved_asked_ = true;
    }
    wait();
    frame();
    if (!script_ || !(script_->finished() || script_->failed())) continue;
    // The script's end: the final screenshot, then the verdict.
    if (!final_shot && !options_.screenshot.empty()) {
      request_screenshot(options_.screenshot);
      final_shot = true;
      continue;
    }
    if (capture_) continue;
    if (script_->failed()) {
      std::fprintf(stderr, "yjsim-gui: %s\n", script_->failure().c_str());
      return 1;
    }
    if (!screenshot_error_.empty()) {
      std::fprintf(stderr, "yjsim-gui: %s\n", screenshot_error_.c_str());
      return 1;
    }
    std::printf("yjsim-gui: script passed%s\n",
                options_.screenshot.empty() ? "" : (", screenshot " + options_.screenshot).c_str());
    return 0;
  }
  return 0;
}

// Redraws only when something changed: an input event, a chunk of results (the worker wakes the loop), the
// end of the typing pause, or a progress tick (a few a second while a run goes). After an event a few frames
// follow at once, as ImGui needs them to settle (a popup opens the frame after its click).
void App::wait() {
  constexpr double kProgressSeconds = 0.25, kIdleSeconds = 0.5;  // idle: signals are checked this often
  double timeout = run_.running || run_.demand_running ? kProgressSeconds : kIdleSeconds;
  if (state_.edits != submitted_edits_)
    timeout = std::min(timeout, std::max(0.0, edit_time_ + kDebounceSeconds - now()) + 0.01);
  if (capture_ || settle_frames_ > 0 || (script_ && !script_->waiting_for_run())) timeout = 0;
  if (settle_frames_ > 0) --settle_frames_;
  const double before = now();
  window_.wait_events(timeout);
  seconds_idle_ += now() - before;
  if (timeout > 0 && now() - before < timeout * 0.9) settle_frames_ = 3;  // woken by an event
  ++frames_drawn_;
}

void App::frame() {
  ui_.begin_frame();
  run_ = worker_.snapshot();
  job_message();
  update_view();
  schedule_run();
  if (capture_ && capture_->frames > 0) --capture_->frames;
  capturing_ = capture_ && capture_->frames == 0 && !capture_->key.empty();
  window_.new_frame([this] {
    if (script_) script_->inject(*this);  // also after its end: no stray real mouse in the screenshot
  });
  shortcuts();
  menus();
  body();
  dialogs();
  window_.render();
  after_render();
  window_.present();
  if (const std::string t = title(); t != shown_title_) window_.set_title(shown_title_ = t);
}

// Starts a run once the planner has paused editing, after checking the scenario as the CLI would.
void App::schedule_run() {
  if (state_.edits != seen_edits_) {
    seen_edits_ = state_.edits;
    edit_time_ = now();
  }
  if (state_.edits == submitted_edits_ || now() - edit_time_ < kDebounceSeconds) return;
  submitted_edits_ = state_.edits;
  try {
    submitted_job_ = worker_.submit(runnable(state_));
    cannot_run_.clear();
  } catch (const models::Invalid& e) {
    // The edited scenario breaks a rule: say which field (of which intervention, in which variant) and why.
    const auto& vname = state_.scenario.variants[std::min(e.variant, state_.scenario.variants.size() - 1)].name;
    cannot_run_ = "'" + (e.intervention.empty() ? e.field : e.intervention + "." + e.field) + "' (" + vname +
                  "): found " + e.found + "; allowed: " + e.allowed;
  }
}

void App::update_view() {
  if (!run_.results || (run_.results == view_results_ && run_.demand == view_demand_)) return;
  view_results_ = run_.results;
  view_demand_ = run_.demand;
  view_ = make_view(*view_results_, run_.scenario.get(), view_demand_.get());
}

bool App::run_settled() const {
  if (state_.edits != submitted_edits_ || job_busy_) return false;
  if (!cannot_run_.empty()) return true;
  return run_.job == submitted_job_ && !run_.running && !run_.demand_running &&
         (!run_.error.empty() || (run_.results && run_.results == view_results_));
}

bool App::results_complete() const {
  return view_results_ && !run_.running && run_.results == view_results_ && run_.error.empty();
}

// ---------------------------------------------------------------------------------------------------------------
// Drawing

void App::shortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.KeyCtrl || dialog_.is_open()) return;
  if (ImGui::IsKeyPressed(GLFW_KEY_O, false)) request_open(false);
  if (ImGui::IsKeyPressed(GLFW_KEY_S, false)) {
    if (io.KeyShift)
      ask_path(Purpose::SaveAs, "Save scenario as", FileDialog::Mode::Save, ".toml", state_.path);
    else
      save();
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_E, false) && results_complete())
    ask_path(Purpose::Hdf5, "Export results as HDF5", FileDialog::Mode::Save, ".h5",
             stem_of(state_.path, "results") + ".h5");
  if (ImGui::IsKeyPressed(GLFW_KEY_EQUAL, false)) window_.set_scale(scale_slider_ = window_.scale() + 0.25f);
  if (ImGui::IsKeyPressed(GLFW_KEY_MINUS, false)) window_.set_scale(scale_slider_ = window_.scale() - 0.25f);
  if (ImGui::IsKeyPressed(GLFW_KEY_Q, false)) window_.set_should_close(true);
}

void App::menus() {
  if (!ImGui::BeginMainMenuBar()) return;
  const bool file = ImGui::BeginMenu("File");
  ui_.item("menu/file");
  if (file) {
    if (ImGui::MenuItem("Open scenario...", "Ctrl+O")) request_open(false);
    ui_.item("menu/file/open");
    if (ImGui::MenuItem("Open the bundled default")) request_open(true);
    ui_.item("menu/file/open_default");
    ImGui::Separator();
    // The scenario's own commands, apart from the exports below (a planner saving their plan should not land
    // on "Export results").
    if (ImGui::MenuItem("Save scenario", "Ctrl+S")) save();
    ui_.item("menu/file/save");
    if (ImGui::MenuItem("Save scenario as...", "Ctrl+Shift+S"))
      ask_path(Purpose::SaveAs, "Save scenario as", FileDialog::Mode::Save, ".toml", state_.path);
    ui_.item("menu/file/save_as");
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::TextDisabled("Results");
    ui_.text("menu/file/results_heading", "Results");
    if (ImGui::MenuItem("Export results as HDF5...", "Ctrl+E", false, results_complete()))
      ask_path(Purpose::Hdf5, "Export results as HDF5", FileDialog::Mode::Save, ".h5",
               stem_of(state_.path, "results") + ".h5");
    ui_.item("menu/file/export_hdf5");
    if (ImGui::MenuItem("Export results as CSV...", nullptr, false, results_complete()))
      ask_path(Purpose::Csv, "Export results as CSV (choose or type a folder)", FileDialog::Mode::Folder, "",
               stem_of(state_.path, "results") + "_csv");
    ui_.item("menu/file/export_csv");
    if (ImGui::MenuItem(job_busy_ ? "Board pack (wait: a file is being written...)" : "Board pack (HTML, XLSX, PDF)...", nullptr,
                        false, results_complete() && !job_busy_))
      ask_path(Purpose::BoardPack, "Board pack: the HTML page (the .xlsx and .pdf go beside it)",
               FileDialog::Mode::Save, ".html", stem_of(state_.path, "board") + "_board.html");
    ui_.item("menu/file/board_pack");
    if (!results_complete()) ImGui::TextDisabled("(exports wait for the run to finish)");
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) window_.set_should_close(true);
    ImGui::EndMenu();
  }
  const bool view = ImGui::BeginMenu("View");
  ui_.item("menu/view");
  if (view) {
    ImGui::TextUnformatted("Text size (DPI scale)");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    ImGui::SliderFloat("##scale", &scale_slider_, 0.75f, 3.0f, "%.2f x");
    ui_.item("menu/view/scale");
    // Fonts are rebuilt when the slider is let go, not while it moves.
    if (ImGui::IsItemDeactivatedAfterEdit()) window_.set_scale(scale_slider_);
    if (ImGui::MenuItem("Larger", "Ctrl+=")) window_.set_scale(scale_slider_ = window_.scale() + 0.25f);
    if (ImGui::MenuItem("Smaller", "Ctrl+-")) window_.set_scale(scale_slider_ = window_.scale() - 0.25f);
    if (ImGui::MenuItem("Screen default")) window_.set_scale(scale_slider_ = Window::suggested_scale());
    if (ImGui::MenuItem("Remember this size")) {
      settings_.scale = window_.scale();
      save_settings(settings_);
      show("Text size " + std::to_string(window_.scale()).substr(0, 4) + " x saved in " + settings_path(),
           false);
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    ImGui::Text("yjsim %s", io::version_string().c_str());
    ImGui::TextUnformatted("Guide: docs/gui.md; KPI definitions: docs/kpis.md");
    ImGui::TextDisabled("Scenario files are the command line's: yjsim run FILE.toml");
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

void App::message_banner() {
  ui_.text("message", message_);
  if (message_.empty()) return;
  const ImVec4 colour = message_error_ ? ImVec4{0.78f, 0.1f, 0.1f, 1} : ImVec4{0.1f, 0.4f, 0.15f, 1};
  if (ImGui::Button("Dismiss")) message_.clear();
  ui_.item("message/dismiss");
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(colour, "%s", message_.c_str());
  ImGui::PopTextWrapPos();
  ImGui::Separator();
}

void App::body() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("yjsim", nullptr, flags);
  message_banner();
  if (ImGui::BeginTable("layout", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV,
                        ImGui::GetContentRegionAvail())) {
    ImGui::TableSetupColumn("Scenario", ImGuiTableColumnFlags_WidthStretch, 0.42f);
    ImGui::TableSetupColumn("Results", ImGuiTableColumnFlags_WidthStretch, 0.58f);
    ImGui::TableNextColumn();
    ImGui::BeginChild("scenario");
    draw_scenario_panel(state_, scenario_panel_, ui_);
    ImGui::EndChild();
    ImGui::TableNextColumn();
    ImGui::BeginChild("results");
    ResultsPanelInput in;
    in.view = view_ ? &*view_ : nullptr;
    in.run = &run_;
    in.stale = view_results_ && (run_.results != view_results_ || state_.edits != submitted_edits_);
    in.cannot_run = cannot_run_;
    in.capturing = capturing_;
    const ResultsPanelOutput out = draw_results_panel(in, results_panel_, ui_);
    ImGui::EndChild();
    ImGui::EndTable();
    if (out.save_chart) {
      chart_to_save_ = *out.save_chart;
      ask_path(Purpose::Chart, "Save chart as PNG", FileDialog::Mode::Save, ".png",
               chart_to_save_.substr(chart_to_save_.find('/') + 1) + ".png");
    }
    if (out.print_chart && !job_busy_) {
      chart_to_print_ = *out.print_chart;
      ask_path(Purpose::PrintChart, "Save chart for print (PNG, A4 width at 300 dpi)", FileDialog::Mode::Save, ".png",
               chart_to_print_ + "_print.png");
    }
  }
  ImGui::End();
}

void App::dialogs() {
  if (auto path = dialog_.draw(ui_)) {
    switch (purpose_) {
      case Purpose::Open:
        open_path(*path);
        break;
      case Purpose::SaveAs:
        save_to(*path);
        break;
      case Purpose::Hdf5:
      case Purpose::Csv:
        export_results(purpose_, *path);
        break;
      case Purpose::BoardPack:
        start_board_pack(*path);
        break;
      case Purpose::Chart:
        capture_ = Capture{chart_to_save_, *path, 2};
        break;
      case Purpose::PrintChart:
        start_chart_print(chart_to_print_, *path);
        break;
    }
  }
  unsaved_dialog();
}

void App::request_open(bool bundled) {
  if (state_.modified) {  // opening replaces the scenario: ask first, as quitting does
    pending_ = bundled ? Pending::OpenDefault : Pending::Open;
    unsaved_asked_ = true;
    return;
  }
  if (bundled)
    open_path(bundled_scenario());
  else
    ask_path(Purpose::Open, "Open scenario", FileDialog::Mode::Open, ".toml", state_.path);
}

// "Unsaved changes": save first, go on without saving, or cancel. Then quits or opens, as asked.
void App::unsaved_dialog() {
  if (unsaved_asked_) {
    ImGui::OpenPopup("Unsaved changes");
    unsaved_asked_ = false;
  }
  if (!ImGui::BeginPopupModal("Unsaved changes", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const bool quit = pending_ == Pending::Quit;
  const std::string question = quit ? "The scenario has changes that are not saved."
                                    : "The scenario has changes that are not saved. Opening another scenario "
                                      "would discard them.";
  ImGui::TextUnformatted(question.c_str());
  ui_.text("unsaved/question", question);
  auto go_on = [this, quit] {
    const Pending what = pending_;
    pending_ = Pending::None;
    if (quit) {
      quit_confirmed_ = true;
      window_.set_should_close(true);
    } else if (what == Pending::OpenDefault) {
      open_path(bundled_scenario());
    } else {
      ask_path(Purpose::Open, "Open scenario", FileDialog::Mode::Open, ".toml", state_.path);
    }
  };
  if (ImGui::Button(quit ? "Save and quit" : "Save, then open")) {
    save();
    if (!state_.modified)  // saved (not sent to "Save as", which cannot be chained)
      go_on();
    else
      pending_ = Pending::None;
    ImGui::CloseCurrentPopup();
  }
  ui_.item("unsaved/save");
  ImGui::SameLine();
  if (ImGui::Button(quit ? "Quit without saving" : "Discard changes and open")) {
    go_on();
    ImGui::CloseCurrentPopup();
  }
  ui_.item("unsaved/discard");
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) {
    pending_ = Pending::None;
    ImGui::CloseCurrentPopup();
  }
  ui_.item("unsaved/cancel");
  ImGui::EndPopup();
}

std::string App::title() const {
  const std::string file = state_.path.empty() ? "untitled" : fs::path(state_.path).filename().string();
  return "yjsim - " + file + (state_.modified ? " *" : "");
}

// ---------------------------------------------------------------------------------------------------------------
// Files

void App::show(const std::string& text, bool error) {
  message_ = text;
  message_error_ = error;
}

void App::ask_path(Purpose purpose, const std::string& title, FileDialog::Mode mode,
                   const std::string& extension, const std::string& initial) {
  purpose_ = purpose;
  dialog_.open(title, mode, extension, initial);
}

void App::open_path(const std::string& path) {
  try {
    const long edits = state_.edits;
    state_ = open_scenario(path);
    scenario_panel_ = ScenarioPanelState{};
    scenario_panel_.select_tab = true;
    // A new run: the count goes on from the last scenario's (a fresh count could equal the one last run, and
    // the opened scenario would never run: its tabs over the old scenario's results).
    state_.edits = edits + 1;
    show("Opened " + path, false);
  } catch (const sim::InputError& e) {
    show("Could not open " + path + ": " + e.what(), true);
  } catch (const std::exception& e) {
    show("Could not open " + path + ": " + e.what(), true);
  }
}

void App::save() {
  // The bundled default stays as shipped: saving it asks for a new name.
  std::error_code ec;
  if (state_.path.empty() || fs::equivalent(state_.path, bundled_scenario(), ec) ||
      fs::path(state_.path).extension() != ".toml") {
    ask_path(Purpose::SaveAs, "Save scenario as", FileDialog::Mode::Save, ".toml",
             state_.path.empty() ? "scenario.toml" : stem_of(state_.path, "scenario") + "_edited.toml");
    return;
  }
  save_to(state_.path);
}

void App::save_to(const std::string& path) {
  try {
    save_scenario(state_, path);
    show("Saved " + path + " (run it with: yjsim run " + path + ")", false);
  } catch (const std::exception& e) {
    show("Could not save " + path + ": " + e.what(), true);
  }
}

void App::export_results(Purpose what, const std::string& path) {
  if (!results_complete()) {
    show("The run has not finished yet: export when it has.", true);
    return;
  }
  try {
    if (what == Purpose::Hdf5) {
      // The scenario as run: the edited one, written as the command line would read it.
      const std::string text = run_.scenario ? run_.scenario->text : "";
      const std::string resolved = run_.scenario ? input::scenario_to_toml(*run_.scenario) : "";
      io::write_hdf5(*view_results_, io::RunInfo{state_.path, text, resolved}, path);
    } else {
      io::ensure_writable_dir(path);
      io::OutputSet outputs;  // the KPI files and the summary table as shown, together or not at all
      io::write_csv(*view_results_, path, outputs);
      if (view_) outputs.add(path + "/table_as_shown.csv").write(summary_csv(*view_));
      outputs.commit();
    }
    show("Exported the results to " + path, false);
  } catch (const std::exception& e) {
    show("Could not export to " + path + ": " + e.what(), true);
  }
}

// The pack of the results and scenario on screen, as `yjsim report` makes it: HTML at `path`, the XLSX and
// the PDF beside it. Without Chromium the PDF is left out and the message says why; any other failure writes
// nothing (the files are written together or not at all) and is shown in red.
void App::start_board_pack(const std::string& path) {
  if (!results_complete() || !run_.scenario) {
    show("The run has not finished yet: make the board pack when it has.", true);
    return;
  }
  if (job_busy_) return;
  const fs::path html = path;
  fs::path stem = html;
  stem.replace_extension();
  report::BoardPackFiles files{html.string(), stem.string() + ".pdf", stem.string() + ".xlsx"};
  try {
    for (const auto* f : {&files.html, &files.pdf, &files.xlsx}) io::check_output_file(*f);
    io::ensure_writable_dir(html.parent_path().empty() ? "." : html.parent_path().string());
  } catch (const std::exception& e) {
    show("Could not write the board pack " + path + ": " + e.what(), true);
    return;
  }
  start_job("Writing the board pack to " + path + " (the demand run with unlimited places first)...",
            [this, files, results = view_results_, scenario = run_.scenario]() -> std::pair<std::string, bool> {
              try {
                report::BoardPackOptions o;
                o.cancel = &job_cancel_;
                const auto pack = report::make_board_pack(*scenario, *results, o);
                std::string note;
                try {
                  report::write_board_pack(pack, files, &job_cancel_);
                } catch (const sim::IoError& e) {
                  if (std::string(e.what()).rfind("PDF:", 0) != 0) throw;
                  report::write_board_pack(pack, {files.html, "", files.xlsx}, &job_cancel_);
                  note = " (no PDF: " + std::string(e.what()) + ")";
                }
                return {"Board pack written to " + files.html + " and " + files.xlsx +
                            (note.empty() ? " and " + files.pdf : note),
                        false};
              } catch (const std::exception& e) {
                return {"Could not write the board pack " + files.html + ": " + e.what(), true};
              }
            });
}

// The board pack's chart of `kpi` as a PNG at print resolution (report::kpi_chart_print_png, by Chromium: a
// second or two, so on the job thread).
void App::start_chart_print(const std::string& kpi, const std::string& path) {
  if (!results_complete() || !run_.scenario) {
    show("The run has not finished yet: print the chart when it has.", true);
    return;
  }
  if (job_busy_) return;
  try {
    io::check_output_file(path);
    io::ensure_writable_dir(fs::path(path).parent_path().empty() ? "." : fs::path(path).parent_path().string());
  } catch (const std::exception& e) {
    show("Could not save the chart " + path + ": " + e.what(), true);
    return;
  }
  start_job("Drawing the chart at print resolution for " + path + "...",
            [this, kpi, path, results = view_results_, scenario = run_.scenario]() -> std::pair<std::string, bool> {
              try {
                const std::string png = report::kpi_chart_print_png(*results, scenario->calibration, kpi, &job_cancel_);
                io::AtomicFile file(path);
                file.write(png.data(), png.size());
                file.commit();
                return {"Saved the chart for print (" + std::to_string(report::kPrintWidthPx) + " pixels wide, A4 at 300 dpi) as " + path, false};
              } catch (const std::exception& e) {
                return {"Could not save the chart " + path + ": " + e.what(), true};
              }
            });
}

void App::start_job(const std::string& starting, std::function<std::pair<std::string, bool>()> work) {
  if (job_thread_.joinable()) job_thread_.join();
  job_busy_ = true;
  show(starting, false);
  job_thread_ = std::thread([this, work = std::move(work)] {
    const auto done = work();
    {
      const std::lock_guard<std::mutex> lock(job_mutex_);
      job_done_ = done;
    }
    job_busy_ = false;
    Window::wake();
  });
}

void App::job_message() {
  const std::lock_guard<std::mutex> lock(job_mutex_);
  if (!job_done_) return;
  show(job_done_->first, job_done_->second);
  job_done_.reset();
}

void App::request_screenshot(const std::string& path) {
  screenshot_error_.clear();
  capture_ = Capture{"", path, 1};
}

// Pictures are read from the frame just drawn, before it is shown.
void App::after_render() {
  if (!capture_ || capture_->frames > 0) return;
  const Capture c = *capture_;
  capture_.reset();
  float x0 = 0, y0 = 0, x1 = ImGui::GetIO().DisplaySize.x, y1 = ImGui::GetIO().DisplaySize.y;
  if (!c.key.empty()) {
    const WidgetPlace* w = ui_.find(c.key);
    if (!w) {
      show("Could not save the chart: it is not on screen.", true);
      return;
    }
    x0 = w->min.x, y0 = w->min.y, x1 = w->max.x, y1 = w->max.y;
  }
  int width = 0, height = 0;
  const auto pixels = window_.read_pixels(x0, y0, x1, y1, width, height);
  try {
    if (is_blank(pixels)) throw sim::IoError("the picture is blank (all pixels one colour)");
    write_png(c.path, pixels, width, height);
    if (!c.key.empty()) show("Saved the chart as " + c.path, false);
  } catch (const std::exception& e) {
    if (c.key.empty())
      screenshot_error_ = "screenshot " + c.path + ": " + e.what();
    else
      show(std::string("Could not save the chart: ") + e.what(), true);
  }
}

}  // namespace yjsim::gui
