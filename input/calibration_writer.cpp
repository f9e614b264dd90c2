#include "input/calibration_writer.h"

#include <charconv>
#include <filesystem>
#include <sstream>

#include "input/toml_util.h"
#include "sim/errors.h"
#include "sim/number_text.h"

namespace yjsim::input {

namespace {


std::string quoted(const std::string& s) {
  toml::table t;
  t.insert("x", s);
  const std::string line = to_toml(t);  // x = "..."
  const auto eq = line.find('=');
  std::string v = line.substr(eq + 2);
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.pop_back();
  return v;
}

std::string numbers(const std::vector<double>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + sim::shortest_text(v[i]);
  return out + "]";
}

// The targets as the board pack draws them (models::PublishedFigure), one inline table a line.
std::string published(const std::vector<models::PublishedFigure>& figures) {
  std::string out = "# the area's published figures, for the board pack's charts and funnel plot\npublished = [\n";
  for (const auto& f : figures) {
    out += "  { kpi = " + quoted(f.kpi);
    if (!f.breakdown.empty()) out += ", breakdown = " + quoted(f.breakdown) + ", category = " + quoted(f.category);
    out += ", value = " + sim::shortest_text(f.value) + ", period = " + quoted(f.period);
    if (f.cohort_size > 0) out += ", cohort_size = " + sim::shortest_text(f.cohort_size);
    if (f.holdout) out += ", holdout = true";
    out += ", source = " + quoted(f.source) + " },\n";
  }
  return out + "]\n";
}

// The base text with a relative catalogue path made relative to the output's folder.
std::string relocated(const TargetsFile& t, const std::string& out_path) {
  std::string text = t.base.text;
  const toml::table root = parse_toml(text, t.scenario);
  if (root.get("calibration"))
    throw sim::InputError(t.scenario, line_of(*root.get("calibration")), "calibration", "a calibrated scenario",
                          "the scenario it was calibrated from (a scenario without [calibration])");
  const auto* cat = root.get("catalogue");
  if (!cat || !cat->is_string()) return text;
  namespace fs = std::filesystem;
  const fs::path path(cat->value<std::string>().value_or(""));
  if (path.is_absolute()) return text;
  const fs::path from = fs::absolute(fs::path(t.scenario).parent_path() / path).lexically_normal();
  const fs::path out_dir = fs::absolute(fs::path(out_path)).parent_path();
  const std::string moved = from.lexically_relative(out_dir).generic_string();
  // Replace the catalogue line (a one-line string value) by the same key with the moved path.
  const auto line = static_cast<std::size_t>(line_of(*cat));
  std::size_t start = 0;
  for (std::size_t l = 1; l < line && start != std::string::npos; ++l) start = text.find('\n', start) + 1;
  const std::size_t end = text.find('\n', start);
  text.replace(start, end == std::string::npos ? std::string::npos : end - start,
               "catalogue = " + quoted(moved) + "  # relative to this file (yjsim calibrate moved it)");
  return text;
}

}  // namespace

std::string calibrated_scenario_toml(const TargetsFile& t, const models::Calibration& c, const std::string& out_path,
                                     const std::vector<std::string>& report) {
  std::ostringstream out;
  out << relocated(t, out_path);
  if (!t.base.text.empty() && t.base.text.back() != '\n') out << '\n';
  out << "\n# ---- yjsim calibrate: everything below was written by `yjsim calibrate` (docs/calibration.md) ----\n";
  for (const auto& line : report) out << "#" << (line.empty() ? "" : " ") << line << '\n';
  const models::Params& p = t.base.baseline();
  out << "[calibration]\n"
      << "area = " << quoted(c.area) << '\n'
      << "date = " << quoted(c.date) << "  # when it was fitted\n"
      << "targets = " << quoted(c.targets) << "  # the targets file\n"
      << "method = " << quoted(c.method) << '\n'
      << "fitted_to = [\n";
  for (const auto& f : c.fitted_to) out << "  " << quoted(f) << ",\n";
  out << "]\n";
  if (!c.published.empty()) out << published(c.published);
  out
      << "start = " << quoted(p.run.start.iso()) << "  # run.start: the first month of the area's figures\n"
      << "# the area's population (the targets file's [population], else the base scenario's)\n"
      << "population = { size_10_17 = " << sim::shortest_text(p.population.size_10_17) << ", age_shares = "
      << numbers(std::vector<double>(p.population.age_shares.begin(), p.population.age_shares.end()))
      << ", annual_growth = " << sim::shortest_text(p.population.annual_growth) << ", male_share = "
      << sim::shortest_text(p.population.male_share) << " }\n"
      << "parameters = [";
  for (std::size_t i = 0; i < c.parameters.size(); ++i) out << (i ? ", " : "") << quoted(c.parameters[i]);
  out << "]\n"
      << "values = " << numbers(c.values) << "  # calibrated: the draw with the highest likelihood\n"
      << "# posterior draws: replicate r of every variant runs with draws[r mod " << c.draws.size() << "]\n"
      << "draws = [\n";
  for (const auto& d : c.draws) out << "  " << numbers(d) << ",\n";
  out << "]\n";
  return out.str();
}

}  // namespace yjsim::input
