// The tracker pack: the official figures the service will be judged on, projected, for the board (docs/report.md
// "The tracker pack"). Formats what analysis::track computed (read back from its HDF5 file); computes nothing but
// the chart's 25th and 75th percentiles of the draws.
#include "report/track_pack.h"

#include <algorithm>
#include <cmath>

#include "input/cohort.h"
#include "report/chromium.h"
#include "report/format.h"
#include "report/svg_chart.h"
#include "report/xlsx_book.h"
#include "sim/summary.h"

namespace yjsim::report {

namespace {
const std::string kBinary = "reoffending_binary_rate", kFrequency = "reoffending_frequency_rate";

std::string e(const std::string& s) { return xml_escape(s); }
std::string td(const std::string& s) { return "<td>" + e(s) + "</td>"; }
std::string th(const std::string& s) { return "<th>" + e(s) + "</th>"; }

std::string month_of(long index) { return month_name(input::month_iso(index)); }
std::string quarter_of(const analysis::CohortTrack& c) {
  return period_name(input::month_iso(c.first_month) + ".." + input::month_iso(c.last_month));
}
std::string pct(double x) { return format_value(kBinary, x); }
std::string children(long n) { return std::to_string(n) + (n == 1 ? " child" : " children"); }

double percentile(std::vector<double> x, double q) {
  x.erase(std::remove_if(x.begin(), x.end(), [](double v) { return std::isnan(v); }), x.end());
  if (x.empty()) return std::nan("");
  std::sort(x.begin(), x.end());
  return sim::percentile_sorted(x, q);
}

// The projected final binary rate of each cohort (mean, 50% and 90% of draws) beside the rate proven so far.
std::string projection_chart(const analysis::TrackResult& t) {
  std::vector<std::string> labels;
  FanSeries projected{"projected official figure", "#3b6ea8", {}, {}, {}, {}, {}};
  FanSeries so_far{"proven so far", "#d9822b", {}, {}, {}, {}, {}};
  for (std::size_t i = 0; i < t.cohorts.size(); ++i) {
    const auto& c = t.cohorts[i];
    labels.push_back(c.label);
    const auto& s = c.binary_final.summary;
    const auto& d = i < t.binary_draws.size() ? t.binary_draws[i] : std::vector<double>{};
    projected.p5.push_back(s.p5);
    projected.p25.push_back(d.empty() ? s.p5 : percentile(d, 0.25));
    projected.mean.push_back(s.mean);
    projected.p75.push_back(d.empty() ? s.p95 : percentile(d, 0.75));
    projected.p95.push_back(s.p95);
    for (auto* v : {&so_far.p5, &so_far.p25, &so_far.mean, &so_far.p75, &so_far.p95}) v->push_back(c.binary);
  }
  return fan_chart_svg("Binary reoffending rate of each quarterly cohort (% of the cohort)", labels,
                       t.cohorts.size() > 8 ? 2 : 1, {projected, so_far}, pct, {}, "draws");
}

std::string title_of(const io::StoredTrack& s) { return "Tracker pack, as of " + month_name(s.result.as_of.iso().substr(0, 7)); }
}  // namespace

std::string track_sentence(const analysis::CohortTrack& c, const analysis::TrackResult& t) {
  const auto& b = c.binary_final.summary;
  std::string s = "The " + c.label + " cohort (" + quarter_of(c) + ", " + children(c.size) + ")";
  if (c.complete)
    return s + " is complete: its official binary reoffending rate is " + pct(c.binary) + " (" + children(c.reoffenders) +
           " reoffended), published by the MoJ in " + month_of(c.publication_month) + ".";
  s += ": " + pct(c.binary) + " proven so far (" + children(c.reoffenders) +
       (c.pending_offences > 0 ? ", " + std::to_string(c.pending_offences) + " offences pending" : "") +
       "); its official binary rate is projected at " + pct(b.mean) + " (90% interval " + pct(b.p5) + " to " + pct(b.p95) +
       "), complete in " + month_of(c.complete_month) + " and published by the MoJ in " + month_of(c.publication_month) + ".";
  if (t.target_binary) s += " Chance it comes in below the " + pct(*t.target_binary) + " target: " + format_probability(c.p_binary_below) + ".";
  return s;
}

std::vector<std::string> track_row(const analysis::CohortTrack& c, const analysis::TrackResult& t) {
  const auto& b = c.binary_final.summary;
  const auto& f = c.frequency_final.summary;
  std::vector<std::string> row = {c.label, std::to_string(c.size), pct(c.binary),
                                  c.complete ? pct(c.binary) + " (final)" : pct(b.mean) + " [" + pct(b.p5) + ", " + pct(b.p95) + "]",
                                  c.complete ? format_value(kFrequency, c.frequency) + " (final)"
                                             : format_value(kFrequency, f.mean) + " [" + format_value(kFrequency, f.p5) + ", " +
                                                   format_value(kFrequency, f.p95) + "]",
                                  month_of(c.complete_month), month_of(c.publication_month)};
  if (t.target_binary) row.push_back(c.complete ? (c.binary < *t.target_binary ? "met" : "not met") : format_probability(c.p_binary_below));
  return row;
}

std::string track_html(const io::StoredTrack& s) {
  const auto& t = s.result;
  std::string o = "<h1>" + e(title_of(s)) + "</h1><p class=\"sub\">" +
                  e("The official proven-reoffending figures of the service's quarterly cohorts (the Ministry of Justice's "
                    "3-month cohort measure, yjsim docs/kpis.md), projected from what was proven by " + t.as_of.iso() +
                    ". A cohort's figure is complete 18 months after its last month and published about 4 months "
                    "later; until then, offences still to come and cases still pending are projected from simulated "
                    "children like the service's own (yjsim track, docs/tracker.md). Every projection has its 90% "
                    "interval: the range that holds 90% of the " + std::to_string(t.draws) + " draws.") + "</p>";
  o += "<h1>When each figure is published, and what it will say</h1><ul class=\"decision\">";
  for (const auto& c : t.cohorts) o += "<li>" + e(track_sentence(c, t)) + "</li>";
  o += "</ul><p class=\"tabletitle\">The projection, cohort by cohort</p><table class=\"summary wide\"><thead><tr>" +
       th("Cohort") + th("Children") + th("Binary rate proven so far") + th("Official binary rate, projected [90%]") +
       th("Reoffences per child, projected [90%]") + th("Complete") + th("Published") +
       (t.target_binary ? th("Chance below the " + pct(*t.target_binary) + " target") : std::string()) + "</tr></thead><tbody>";
  for (const auto& c : t.cohorts) {
    o += "<tr>";
    for (const auto& cell : track_row(c, t)) o += td(cell);
    o += "</tr>";
  }
  o += "</tbody></table><div class=\"fig\">" + projection_chart(t) + "</div>";
  o += "<h2>How the projection is made</h2><ul>"
       "<li>" + e("Model: yjsim " + s.yjsim_version + ", " + (s.scenario_file.empty() ? std::string("its built-in defaults") : s.scenario_file) +
                  "; " + std::to_string(t.reference_entries) + " simulated cohort entries, matched to each child by how the "
                  "child started (disposal, previous offences, sex, age) and what is proven and pending so far.") + "</li>"
       "<li>" + e(t.parameter_sets > 1
                      ? std::to_string(t.parameter_sets) + " parameter sets from the scenario's calibration: the intervals hold "
                        "what the area's figures leave uncertain as well as chance."
                      : "One parameter set (the scenario is not calibrated): the intervals hold chance alone and are too "
                        "narrow by whatever the model's parameters are uncertain (docs/tracker.md).") + "</li>"
       "<li>" + e("The service's extract: " + s.children_file + " and " + s.events_file + ", as of " + t.as_of.iso() +
                  "; pseudonymised, no child is named in this pack.") + "</li>"
       "<li>" + e("Results file: " + s.path + " (yjsim track -o; docs/hdf5.md, /track).") + "</li></ul>";
  return board_page(title_of(s), o);
}

std::string track_xlsx(const io::StoredTrack& s) {
  const auto& t = s.result;
  XlsxBook book("yjsim tracker pack");
  XlsxSheet sheet = book.sheet("Projection");
  std::vector<std::string> h = {"Cohort", "First month", "Children (cohort entries)", "Reoffenders proven so far (children)",
                                "Reoffences proven so far (offences)", "Offences pending", "Binary rate so far (0-1)",
                                "Binary rate projected: mean (0-1)", "5th percentile (0-1)", "Median (0-1)",
                                "95th percentile (0-1)", "SD between parameter sets (0-1)", "SD within one (0-1)",
                                "Frequency rate so far (reoffences per child)", "Frequency projected: mean (reoffences per child)",
                                "5th percentile (reoffences per child)", "Median (reoffences per child)",
                                "95th percentile (reoffences per child)", "Complete (month)", "Published (month)",
                                "Final (figure complete)"};
  if (t.target_binary) h.push_back("Chance the binary rate is below " + format_number(*t.target_binary, 3) + " (0-1)");
  if (t.target_frequency) h.push_back("Chance the frequency rate is below " + format_number(*t.target_frequency, 3) + " (0-1)");
  sheet.header(h);
  for (const auto& c : t.cohorts) {
    const auto& b = c.binary_final;
    const auto& f = c.frequency_final.summary;
    sheet.text(c.label).text(input::month_iso(c.first_month)).number(static_cast<double>(c.size))
        .number(static_cast<double>(c.reoffenders)).number(static_cast<double>(c.reoffences))
        .number(static_cast<double>(c.pending_offences)).number(c.binary).number(b.summary.mean).number(b.summary.p5)
        .number(b.summary.p50).number(b.summary.p95).number(b.sd_parameter).number(b.sd_stochastic).number(c.frequency)
        .number(f.mean).number(f.p5).number(f.p50).number(f.p95).text(input::month_iso(c.complete_month))
        .text(input::month_iso(c.publication_month)).text(c.complete ? "yes" : "no");
    if (t.target_binary) sheet.number(c.p_binary_below);
    if (t.target_frequency) sheet.number(c.p_frequency_below);
    sheet.end_row();
  }
  return book.bytes();
}

void write_track_pack(const io::StoredTrack& s, const BoardPackFiles& files, const std::atomic<bool>* cancel) {
  write_pack_files(files, [&] { return track_html(s); }, [&] { return track_xlsx(s); }, cancel);
}

}  // namespace yjsim::report
