#include "io/track_writer.h"

#include <charconv>

#include "input/cohort.h"
#include "io/atomic_file.h"
#include "io/hdf5_util.h"
#include "io/writers.h"

namespace yjsim::io {

namespace {

using h5::Handle;

std::string num(double x) {
  if (x != x) return "";  // NaN: an empty cell
  char buf[40];  // the shortest text that reads back as the same double
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

template <class F>
std::vector<double> column(const analysis::TrackResult& t, F f) {
  std::vector<double> v;
  for (const auto& c : t.cohorts) v.push_back(f(c));
  return v;
}

void vec(hid_t g, const std::string& name, const std::vector<double>& v, const std::string& unit, const std::string& def) {
  h5::dataset(g, name, v, {v.size()}, unit, def);
}

void projections(hid_t g, const analysis::TrackResult& t, const char* what, bool binary) {
  const std::string unit = binary ? "proportion" : "reoffences per cohort member";
  const std::string w = what;
  auto pick = [binary](const analysis::CohortTrack& c) -> const analysis::Projection& {
    return binary ? c.binary_final : c.frequency_final;
  };
  vec(g, w + "_mean", column(t, [&](const auto& c) { return pick(c).summary.mean; }), unit, "projected final figure: mean over draws");
  vec(g, w + "_p05", column(t, [&](const auto& c) { return pick(c).summary.p5; }), unit, "projected final figure: 5th percentile");
  vec(g, w + "_p50", column(t, [&](const auto& c) { return pick(c).summary.p50; }), unit, "projected final figure: median");
  vec(g, w + "_p95", column(t, [&](const auto& c) { return pick(c).summary.p95; }), unit, "projected final figure: 95th percentile");
  vec(g, w + "_sd_parameter", column(t, [&](const auto& c) { return pick(c).sd_parameter; }), unit,
      "sd of the projection between parameter sets (0 with one set)");
  vec(g, w + "_sd_stochastic", column(t, [&](const auto& c) { return pick(c).sd_stochastic; }), unit,
      "sd of the projection within a parameter set (chance)");
  std::vector<double> draws;
  for (const auto& d : binary ? t.binary_draws : t.frequency_draws) draws.insert(draws.end(), d.begin(), d.end());
  h5::dataset(g, w + "_draws", draws, {t.cohorts.size(), static_cast<hsize_t>(t.draws)}, unit,
              "projected final figure per draw [cohort x draw]");
}

void write_track(hid_t file, const analysis::TrackResult& t, const TrackInfo& info) {
  h5::attr_string(file, "format", "yjsim-results");
  h5::attr_int(file, "format_version", 2);
  h5::attr_string(file, "yjsim_version", version_string());
  h5::attr_string(file, "created_utc", h5::utc_now());
  h5::attr_string(file, "scenario_file", info.scenario_file);
  h5::attr_string(file, "scenario_toml", info.scenario_toml);
  Handle g(h5::group(file, "track"), H5Gclose, "track");
  h5::attr_string(g, "as_of", t.as_of.iso());
  h5::attr_string(g, "children_file", info.children_file);
  h5::attr_string(g, "events_file", info.events_file);
  h5::attr_int(g, "draws", t.draws);
  h5::attr_int(g, "parameter_sets", static_cast<long long>(t.parameter_sets));
  h5::attr_int(g, "reference_entries", static_cast<long long>(t.reference_entries));
  std::vector<std::string> labels, complete, published;
  for (const auto& c : t.cohorts) {
    labels.push_back(c.label);
    complete.push_back(input::month_iso(c.complete_month));
    published.push_back(input::month_iso(c.publication_month));
  }
  h5::attr_strings(g, "cohorts", labels);
  h5::attr_strings(g, "complete_month", complete);
  h5::attr_strings(g, "publication_month", published);
  const char* measure = "MoJ proven reoffending on what is proven by as-of (docs/kpis.md, docs/tracker.md)";
  vec(g, "cohort_size", column(t, [](const auto& c) { return static_cast<double>(c.size); }), "children", measure);
  vec(g, "reoffenders_to_date", column(t, [](const auto& c) { return static_cast<double>(c.reoffenders); }), "children", measure);
  vec(g, "reoffences_to_date", column(t, [](const auto& c) { return static_cast<double>(c.reoffences); }), "offences", measure);
  vec(g, "pending_offences", column(t, [](const auto& c) { return static_cast<double>(c.pending_offences); }), "offences",
      "offences in the reoffending window whose case is pending at as-of");
  vec(g, "binary_to_date", column(t, [](const auto& c) { return c.binary; }), "proportion", measure);
  vec(g, "frequency_to_date", column(t, [](const auto& c) { return c.frequency; }), "reoffences per cohort member", measure);
  vec(g, "concentration_to_date", column(t, [](const auto& c) { return c.concentration; }), "share",
      "share of proven reoffences to date by the top 10% of children");
  vec(g, "concentration_final", column(t, [](const auto& c) { return c.concentration_final; }), "share",
      "projected share of the final reoffences by the top 10% of children (mean over draws)");
  projections(g, t, "binary", true);
  projections(g, t, "frequency", false);
  if (t.target_binary) {
    h5::attr_string(g, "target_binary", num(*t.target_binary));
    vec(g, "p_binary_below_target", column(t, [](const auto& c) { return c.p_binary_below; }), "probability",
        "probability that the final binary rate is below target_binary");
  }
  if (t.target_frequency) {
    h5::attr_string(g, "target_frequency", num(*t.target_frequency));
    vec(g, "p_frequency_below_target", column(t, [](const auto& c) { return c.p_frequency_below; }), "probability",
        "probability that the final frequency rate is below target_frequency");
  }
  if (!t.children.empty()) {  // --per-child only
    Handle cg(h5::group(g, "children"), H5Gclose, "children");
    std::vector<std::string> ids, cohorts;
    std::vector<double> p, m;
    for (const auto& c : t.children) {
      ids.push_back(c.id);
      cohorts.push_back(c.cohort);
      p.push_back(c.p_reoffender);
      m.push_back(c.mean_reoffences);
    }
    h5::attr_strings(cg, "child_id", ids);
    h5::attr_strings(cg, "cohort", cohorts);
    vec(cg, "p_reoffender", p, "probability", "probability that the child is a proven reoffender in the final figure");
    vec(cg, "mean_reoffences", m, "offences", "projected final proven reoffences of the child (mean over draws)");
  }
}

}  // namespace

std::string projection_csv(const analysis::TrackResult& t) {
  std::string s =
      "cohort,cohort_size,reoffenders_to_date,reoffences_to_date,binary_mean,binary_p05,binary_p50,binary_p95,"
      "frequency_mean,frequency_p05,frequency_p50,frequency_p95,complete_month\n";
  for (const auto& c : t.cohorts) {
    const auto& b = c.binary_final.summary;
    const auto& f = c.frequency_final.summary;
    s += c.label + "," + std::to_string(c.size) + "," + std::to_string(c.reoffenders) + "," + std::to_string(c.reoffences) +
         "," + num(b.mean) + "," + num(b.p5) + "," + num(b.p50) + "," + num(b.p95) + "," + num(f.mean) + "," + num(f.p5) +
         "," + num(f.p50) + "," + num(f.p95) + "," + input::month_iso(c.complete_month) + "\n";
  }
  return s;
}

void write_projection_csv(const analysis::TrackResult& t, const std::string& dir, OutputSet& outputs) {
  outputs.add(dir + "/projection.csv").write(projection_csv(t));
}

void write_track_hdf5(const analysis::TrackResult& t, const TrackInfo& info, const std::string& path, OutputSet& outputs) {
  h5::MemoryFile file;
  write_track(file, t, info);
  file.write_to(outputs.add(path));
}

}  // namespace yjsim::io
