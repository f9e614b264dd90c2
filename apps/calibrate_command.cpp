// `yjsim calibrate TARGETS.toml [-o CALIBRATED.toml] [--budget N] [--resume]` (docs/calibration.md).
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "analysis/calibrate.h"
#include "apps/cli_commands.h"
#include "input/calibration_writer.h"
#include "input/scenario_reader.h"
#include "input/toml_util.h"
#include "io/atomic_file.h"
#include "report/fit_report.h"
#include "sim/errors.h"

namespace yjsim::cli {

namespace {

// bromley.targets.toml -> bromley.toml (in the current folder).
std::string default_output(const std::string& targets) {
  std::string name = std::filesystem::path(targets).filename().string();
  for (const std::string ext : {".targets.toml", ".toml"})
    if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
      name.resize(name.size() - ext.size());
      break;
    }
  return name + ".calibrated.toml";
}

std::string today() {
  const std::time_t now = std::time(nullptr);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&now));
  return buf;
}

void write_file(const std::string& path, const std::string& text) {
  io::AtomicFile f(path);
  f.write(text);
  f.commit();
}

}  // namespace

int calibrate(const CalibrateArgs& a, const std::atomic<bool>& interrupted) {
  const input::TargetsFile t = input::load_targets(a.targets);
  const std::string out = a.output.empty() ? default_output(a.targets) : a.output;
  io::check_output_file(out, "-o");
  require_parent_folder(out, "-o");  // as yjsim run: a missing folder is refused, never created
  const auto parent = std::filesystem::path(out).parent_path();
  io::ensure_writable_dir(parent.empty() ? "." : parent.string());  // before the fit, not after its first stage
  const std::string checkpoint = out + ".checkpoint";
  analysis::CalibrateOptions o;
  o.particles = a.particles;
  o.budget = a.budget;
  o.replicates = a.replicates;
  o.threads = a.threads;
  o.cancel = &interrupted;
  if (a.resume) {
    std::string text, problem;
    if (input::try_read_text_file(checkpoint, text, problem)) o.resume_from = text;
    else if (!a.quiet) std::cerr << "yjsim calibrate: no checkpoint " << checkpoint << " (" << problem << "); starting afresh\n";
  }
  // After the design and every stage: the sampler's state, so that --resume continues from the last stage.
  o.on_stage = [&](const std::string& state) { write_file(checkpoint, state); };
  const auto started = std::chrono::steady_clock::now();
  o.progress = [&](const std::string& line, double done) {
    if (a.quiet) return;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double eta = done > 0 && done < 1 ? s / done * (1 - done) : 0;
    std::fprintf(stderr, "calibrate: %s; %.0f s, at most %.0f s to go\n", line.c_str(), s, eta);
  };
  const analysis::CalibrationResult r = analysis::calibrate(t, o);
  const models::Scenario s = analysis::calibrated_scenario(t, r, today());
  const std::vector<std::string> lines = report::fit_report(t, r);
  const std::string text = input::calibrated_scenario_toml(t, s.calibration, out, lines);
  (void)input::parse_scenario(text, out);  // what is written runs: read it back before replacing anything
  write_file(out, text);
  std::error_code ec;
  std::filesystem::remove(checkpoint, ec);
  if (!a.quiet) {
    for (const auto& l : lines) std::cout << l << '\n';
    std::cout << "\nWrote " << out << " (" << r.draws.size() << " posterior draws; `yjsim run " << out << "`)\n";
  }
  return 0;
}

}  // namespace yjsim::cli
