// The board pack as one HTML page (docs/report.md): no scripts, nothing fetched, A4 print styles; it formats what
// analysis/ computed and computes nothing of its own beyond percentiles for the chart bands.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "models/interventions.h"
#include "report/board_charts.h"
#include "report/board_pack.h"
#include "report/format.h"
#include "report/svg_chart.h"

namespace yjsim::report {

namespace {

// The area's own calibration (yjsim calibrate), or that there is none.
std::string calibration_item(const models::Calibration& c) {
  if (c.empty()) return "<li>This scenario is not fitted to the area's own published figures.</li>";
  std::string o = "<li>Fitted to " + xml_escape(c.area) + "'s own published figures (" + xml_escape(c.targets) + ", " +
                  xml_escape(c.date) + "; yjsim docs/calibration.md): ";
  for (std::size_t i = 0; i < c.fitted_to.size(); ++i) o += (i ? "; " : "") + xml_escape(c.fitted_to[i]);
  o += ". Fitted parameters: ";
  for (std::size_t i = 0; i < c.parameters.size(); ++i)
    o += (i ? ", " : "") + xml_escape(c.parameters[i]) + " = " + format_number(c.values[i], 4);
  o += ". Each run uses one of " + std::to_string(c.draws.size()) +
       " posterior draws of them, so the intervals hold what the area's figures leave uncertain as well as chance. " +
       xml_escape(c.method) + ".</li>";
  return o;
}
using analysis::IndicatorFigure;

std::string e(const std::string& s) { return xml_escape(s); }
std::string td(const std::string& s, const char* cls = nullptr) {
  return std::string("<td") + (cls ? std::string(" class=\"") + cls + "\"" : "") + ">" + e(s) + "</td>";
}
std::string th(const std::string& s) { return "<th>" + e(s) + "</th>"; }

std::string title_of(const BoardPack& p) {
  const auto stem = std::filesystem::path(p.scenario.file).stem().string();
  return stem.empty() ? "scenario" : stem;
}

const char* verdict_class(const std::string& v) {
  return v == "better" || v == "costs less" ? "good" : v == "worse" || v == "costs more" ? "bad" : "grey";
}

// The summary table of page one (the XLSX "Summary" sheet holds the same cells).
std::string summary_table(const BoardPack& p, const analysis::VariantDecision& d, std::size_t period) {
  std::string o = "<table class=\"summary\"><thead><tr>" + th("Indicator (unit)") + th("Without the change") +
                  th("With it") + th("Difference [90% interval]") + th("Chance lower") + th("Verdict") + "</tr></thead><tbody>";
  for (const auto& f : d.figures[period]) {
    const auto v = board_verdict(f);
    o += "<tr>" + td(board_row_label(f.kpi)) + td(format_value(f.kpi, f.baseline.mean)) +
         td(format_value(f.kpi, f.variant.mean)) + td(difference_text(f.kpi, f.diff)) + td(f.p_same == 1.0 ? "-" : format_probability(f.p_better)) +
         td(v, verdict_class(v)) + "</tr>";
  }
  (void)p;
  return o + "</tbody></table>";
}

std::string decision(const BoardPack& p) {
  const auto& s = p.summary;
  std::string o;
  if (s.variants.empty()) {
    o += "<p>This scenario has no variant: the pages below project the current services only.</p><table class=\"summary\"><thead><tr>" +
         th("Indicator") + th(s.periods.back().label) + "</tr></thead><tbody>";
    for (std::size_t k = 0; k < s.indicators.size(); ++k)
      o += "<tr>" + td(kpi_short_title(s.indicators[k])) + td(summary_text(s.indicators[k], s.baseline.back()[k])) + "</tr>";
    return o + "</tbody></table>";
  }
  const std::size_t H = s.periods.size() - 1;
  for (std::size_t v = 0; v < s.variants.size(); ++v) {
    const auto& d = s.variants[v];
    o += "<h2>" + e(d.name) + "</h2><p class=\"desc\">" + e(d.description) + "</p><ul class=\"decision\">";
    const auto& figs = d.figures[H];
    for (const auto& f : figs)
      if (f.kpi == "cost_gbp") o += "<li><b>" + e(cost_sentence(f, p.value[v], s.periods[H].label)) + "</b></li>";
    for (const auto& f : figs)
      if (f.kpi != "cost_gbp") o += "<li>" + e(indicator_sentence(f)) + "</li>";
    for (const auto& c : p.capacity)
      if (c.variant == d.name && (c.limited || !c.warnings.empty())) o += "<li>" + e(capacity_sentence(c, p.results.calendar)) + "</li>";
    o += "<li>" + e(timing_sentence(d, p.results.calendar)) + "</li></ul>";
    o += "<p class=\"tabletitle\">Over the whole horizon, " + e(s.periods[H].label) + " (means over " +
         std::to_string(p.results.replicates) + " runs)</p>" + summary_table(p, d, H);
  }
  return o;
}

std::string money(double x) { return format_value("cost_gbp", x); }
std::string money_interval(const sim::Summary& s) { return money(s.mean) + " " + format_interval("cost_gbp", s.p5, s.p95); }
std::string ratio(double m, double lo, double hi) {
  if (std::isnan(m)) return "n/a (no spending)";
  return format_number(m, 2) + " [" + format_number(lo, 2) + ", " + format_number(hi, 2) + "]";
}
std::string multiple(double m) {
  if (std::isnan(m)) return "never: no costs are avoided to scale up";
  return format_number(m, 1) + " times the assumed effects";
}

std::string value_section(const BoardPack& p) {
  std::string o = "<section><h1>Value for money</h1><p>Over the whole horizon, each variant against the baseline, "
                  "paired run by run. <b>Fully loaded</b> counts custody, remand and court costs avoided at the unit "
                  "costs below (average costs, overheads included: the public purse). <b>Marginal</b> counts only the "
                  "remand charges a local authority stops paying (custody places and court time are paid nationally "
                  "and are fixed in the short run). Intervention spending is cash in both.</p>";
  for (const auto& v : p.value) {
    o += "<h2>" + e(v.variant) + "</h2><table class=\"vfm\"><thead><tr>" + th("") + th("Fully loaded") +
         th("Marginal (local cash)") + "</tr></thead><tbody>";
    o += "<tr>" + td("Extra spending on interventions [90% interval]") + td(money_interval(v.extra_spending)) +
         td(money_interval(v.extra_spending)) + "</tr>";
    o += "<tr>" + td("Costs avoided (negative: costs rise) [90% interval]") + td(money_interval(v.fully_loaded.avoided)) +
         td(money_interval(v.marginal.avoided)) + "</tr>";
    o += "<tr>" + td("  of which custody / remand / court") +
         td(money(v.custody_avoided.mean) + " / " + money(v.remand_avoided.mean) + " / " + money(v.court_avoided.mean)) +
         td("- / " + money(v.remand_avoided.mean) + " / -") + "</tr>";
    o += "<tr>" + td("Net cost (negative: a saving) [90% interval]") + td(money_interval(v.fully_loaded.net_cost)) +
         td(money_interval(v.marginal.net_cost)) + "</tr>";
    o += "<tr>" + td("Chance of a net saving") + td(format_probability(v.fully_loaded.p_net_saving)) +
         td(format_probability(v.marginal.p_net_saving)) + "</tr>";
    o += "<tr>" + td("Benefit-cost ratio (costs avoided per £1 spent) [90% interval]") +
         td(ratio(v.fully_loaded.bcr, v.fully_loaded.bcr_low, v.fully_loaded.bcr_high)) +
         td(ratio(v.marginal.bcr, v.marginal.bcr_low, v.marginal.bcr_high)) + "</tr>";
    o += "<tr>" + td("Break-even: effects needed to pay for themselves") + td(multiple(v.fully_loaded.break_even_multiple)) +
         td(multiple(v.marginal.break_even_multiple)) + "</tr>";
    o += "</tbody></table>";
    if (!v.break_even.empty()) {
      o += "<p>Break-even effect sizes (fully loaded; rate ratio on offending while the intervention runs, 1 = no effect): ";
      for (std::size_t i = 0; i < v.break_even.size(); ++i) {
        const auto& b = v.break_even[i];
        o += (i ? "; " : "") + e(b.intervention) + " assumed " + format_number(b.rr, 2) + ", needed " +
             (std::isnan(b.break_even_rr) ? std::string("no rate ratio above 0 would do") : format_number(b.break_even_rr, 2));
      }
      o += ". This scales the avoided costs in proportion to the effects, a straight-line extrapolation.</p>";
    }
    o += "<table class=\"vfm\"><thead><tr>" + th("Extra cost per outcome avoided") + th("Outcomes avoided [90% interval]") +
         th("Cost per outcome avoided") + "</tr></thead><tbody>";
    for (const auto& c : v.per_outcome)
      o += "<tr>" + td("per " + c.outcome) + td(avoided_text(c.avoided)) +
           td(c.estimable ? cost_per_avoided_text(c) : "too few children to tell (none avoided is within the interval)") + "</tr>";
    o += "</tbody></table>";
  }
  o += "<h2>Unit costs used</h2><table class=\"evidence\"><thead><tr>" + th("Item") + th("Cost") + th("Basis") +
       th("Source and price year") + "</tr></thead><tbody>";
  for (const auto& u : analysis::unit_costs(p.scenario.baseline()))
    o += "<tr>" + td(u.item) + td(format_gbp(u.gbp)) + td(u.basis) + td(u.source) + "</tr>";
  o += "</tbody></table><p class=\"note\">Costs are in the price years given and are not inflated to one year. "
       "Intervention costs: see the evidence table.</p>";
  return o;
}

std::string capacity_section(const BoardPack& p) {
  std::string o = "<div class=\"keep\"><h1>Capacity</h1>";
  if (p.capacity.empty()) return o + "<p>No commissioned interventions in this scenario.</p></div>";
  bool one_variant = true;  // then the variant's name is the section's, not a column
  for (const auto& c : p.capacity) one_variant &= c.variant == p.capacity.front().variant;
  if (one_variant) o += "<h2>" + e(p.capacity.front().variant) + "</h2>";
  o += "<p>Places are starts a year. <b>Would take a place</b> is the number of children who start one when places are "
       "unlimited (the same children and chance events, the first " + std::to_string(p.demand ? p.demand->replicates : 0) + " runs): the demand. Over the whole horizon, means over runs [90% of runs].</p>"
       "<table class=\"cap\"><thead><tr>" + (one_variant ? std::string() : th("Variant")) + th("Intervention") + th("Who is eligible") +
       th("Starts in month") + th("Places funded") + th("Places started") + th("Would take a place") +
       th("Unused places") + "</tr></thead><tbody>";
  std::vector<std::string> warnings;
  for (const auto& c : p.capacity) {
    o += "<tr>" + (one_variant ? std::string() : td(c.variant)) + td(c.intervention) + td(c.target) + td(format_number(c.start_month + 1, 0)) +
         td(c.limited ? format_number(c.places_funded, 0) : "unlimited") + td(avoided_text(c.starts)) +
         td(c.demand_known ? avoided_text(c.demand) : (c.limited ? "not run" : "as started")) +
         td(c.limited ? format_number(c.unused, 1) : "-") + "</tr>";
    warnings.insert(warnings.end(), c.warnings.begin(), c.warnings.end());
  }
  o += "</tbody></table>";
  if (!warnings.empty()) {
    o += "<div class=\"warn\"><b>Warnings</b><ul>";
    for (const auto& w : warnings) o += "<li>" + e(w) + "</li>";
    o += "</ul></div>";
  }
  return o + "</div>";
}

std::string charts_section(const BoardPack& p) {
  const auto& r = p.results;
  std::string o = "<section><h1>Charts</h1><p>Each quarter's figure (each year's for a count too small for quarters, "
                  "such as custodial sentences in a borough): the line is the mean over runs, the dark band holds half "
                  "the runs and the light band 90%. Reoffending is by the quarter the child entered the cohort.</p>";
  for (const auto& kpi : p.summary.indicators) {
    std::string notes;
    for (const auto& m : analysis::chart_marks(p.scenario.calibration, kpi, r.calendar)) {
      const bool yearly = yearly_chart(r, kpi);  // then the chart shows a year's worth of the figure
      const double shown = yearly ? 4 * m.per_quarter : m.per_quarter;
      notes += "<li>" + e(published_sentence(p.scenario.calibration.area, m.figure)) +
               (shown != m.figure.value ? e(": " + format_value(kpi, shown) + (yearly ? " a year" : " a quarter")) : std::string()) +
               (m.in_run ? std::string(". &#9670; on the chart.")
                         : e(m.before ? ". Before this run starts (" + month_name(r.calendar.start().iso()) + "), so not on the chart."
                                      : ". After this run ends, so not on the chart.")) + "</li>";
    }
    o += "<div class=\"fig\">" + kpi_fan_chart_svg(r, p.scenario.calibration, kpi) +
         (notes.empty() ? std::string() : "<ul class=\"published\">" + notes + "</ul>") + "</div>";
  }
  if (!p.summary.variants.empty()) {
    o += "</section><section><h1>Differences from the baseline</h1><p>Each year and the whole horizon: the change's "
         "effect, with the same children and chance events with and without it.</p>";
    for (std::size_t i = 0; i < p.summary.indicators.size(); ++i) {
      const auto& kpi = p.summary.indicators[i];
      std::vector<DiffBar> bars;
      for (const auto& d : p.summary.variants)
        for (std::size_t per = 0; per < p.summary.periods.size(); ++per) {
          const auto& f = d.figures[per][i];
          const std::string who = p.summary.variants.size() > 1 ? d.name + " " : "";
          bars.push_back({who + (p.summary.periods[per].year < 0 ? "whole horizon" : p.summary.periods[per].label), f.diff.mean,
                          f.diff.p5, f.diff.p95});
        }
      o += "<div class=\"fig\">" +
           difference_chart_svg(kpi_title(kpi) + ": with the change minus without (" + board_unit(kpi) + ")", bars,
                                [&](double y) { return format_diff(kpi, y); },
                                models::kpi_table()[static_cast<std::size_t>(models::kpi_index(kpi))].lower_is_better) +
           "</div>";
    }
  }
  return o + "</section>";
}

// The area's published binary rate against the national rate for a cohort of its size (analysis/funnel.h).
std::string funnel_section(const BoardPack& p) {
  if (p.funnels.empty()) return "";
  std::string o = "<section><h1>" + e(p.scenario.calibration.area) + " against England and Wales</h1><p>A funnel plot: "
                  "the published binary reoffending rate of the area's cohort against the national rate, with the range "
                  "that chance alone gives a cohort of each size at the national rate (binomial control limits at 95% and "
                  "99.8%). A small service's rate varies more from year to year, so the funnel is wide at the left. A point "
                  "outside the 99.8% limits is unlikely to be chance.</p>";
  for (const auto& f : p.funnels) {
    FunnelPlot plot{"Binary reoffending rate, " + period_name(f.figure.period) + " cohort", f.area + " " +
                        format_value("reoffending_binary_rate", f.figure.value),
                    "England and Wales " + format_value("reoffending_binary_rate", f.national.national.rate) + " (" +
                        f.national.national.cohort + ")",
                    f.ns, f.lo95, f.hi95, f.lo998, f.hi998, f.national.national.rate, f.n, f.figure.value};
    o += "<div class=\"fig\">" + funnel_svg(plot, [](double y) { return format_value("reoffending_binary_rate", y); }) +
         "</div><p class=\"funnel\">" + e(funnel_sentence(f)) + "</p>";
    o += "<table class=\"evidence\"><tbody><tr>" + td("Area's figure and source") + td(published_sentence(f.area, f.figure)) +
         "</tr><tr>" + td("Cohort size") + td(format_number(f.n, 0) + (f.n_published ? " children (published)" :
         " children: not published; the calibrated model's mean cohort for a period of that length in this run")) +
         "</tr><tr>" + td("National rate and source") + td(format_value("reoffending_binary_rate", f.national.national.rate) +
         " of " + format_number(f.national.national.cohort_size, 0) + " children, cohort " + f.national.national.cohort + ": " +
         f.national.national.source) + "</tr><tr>" + td("95% limits at this size") +
         td(format_value("reoffending_binary_rate", f.at_lo95) + " to " + format_value("reoffending_binary_rate", f.at_hi95)) +
         "</tr><tr>" + td("99.8% limits at this size") +
         td(format_value("reoffending_binary_rate", f.at_lo998) + " to " + format_value("reoffending_binary_rate", f.at_hi998)) +
         "</tr></tbody></table>";
  }
  return o + "</section>";
}

// A calibrated scenario: what it was fitted to and how well, and what the fit says about its parameters.
std::string calibration_section(const BoardPack& p) {
  const auto& c = p.scenario.calibration;
  if (c.empty()) return "";
  std::string o = "<section><h1>Calibration: " + e(c.area) + "'s own figures</h1><p>" +
                  e("The model was fitted to " + c.area + "'s published figures (" + c.targets + ", " + c.date +
                    ") by yjsim calibrate: " + c.method + ".") + "</p>";
  if (!p.calibration.figures.empty()) {
    o += "<p>" + e(calibration_sentence(p)) + "</p><table class=\"calib\"><thead><tr>" + th("Figure") + th("Period") +
         th("Published") + th("Model: mean") + th("Model: 90% interval") + th("Within?") + th("In the fit") +
         "</tr></thead><tbody>";
    for (const auto& f : p.calibration.figures) {
      const auto cells = calibration_row(f);
      o += "<tr>";
      for (std::size_t i = 0; i < cells.size(); ++i) o += td(cells[i], i == 5 ? (f.within ? "good" : "bad") : nullptr);
      o += "</tr>";
    }
    o += "</tbody></table><p class=\"note\">Sources: ";
    for (std::size_t i = 0; i < c.published.size(); ++i)
      o += (i ? "; " : "") + e(period_name(c.published[i].period) + ": " + c.published[i].source);
    o += ".</p>";
  }
  o += "<h2>The fitted parameters</h2><p>" +
       e("The posterior of each parameter: " + std::to_string(c.draws.size()) + " equally likely draws, which the runs "
         "use in turn, so that every interval in this pack holds what the area's figures leave uncertain as well as "
         "chance. Fitted: the most likely draw, the value a run without draws uses.") +
       "</p><table class=\"calib\"><thead><tr>" + th("Parameter (docs/parameters.md)") + th("Fitted") +
       th("Posterior mean") + th("SD") + th("90% interval") + th("Median") + "</tr></thead><tbody>";
  for (const auto& q : p.calibration.parameters) {
    o += "<tr>";
    for (const auto& cell : posterior_row(q)) o += td(cell);
    o += "</tr>";
  }
  return o + "</tbody></table></section>";
}

std::string years_section(const BoardPack& p) {
  const auto& s = p.summary;
  // Financial years when the run starts in April (as boards count), else the run's own years.
  std::string o = std::string("<section><h1>") + (p.results.calendar.start().month == 4 ? "By financial year" : "By year") + "</h1>";
  if (s.variants.empty()) {
    o += "<table class=\"summary wide\"><thead><tr>" + th("Indicator");  // a column a year: cells wrap
    for (const auto& per : s.periods) o += th(per.label);
    o += "</tr></thead><tbody>";
    for (std::size_t k = 0; k < s.indicators.size(); ++k) {
      o += "<tr>" + td(kpi_short_title(s.indicators[k]));
      for (std::size_t per = 0; per < s.periods.size(); ++per) o += td(summary_text(s.indicators[k], s.baseline[per][k]));
      o += "</tr>";
    }
    return o + "</tbody></table></section>";
  }
  for (const auto& d : s.variants) {
    o += "<h2>" + e(d.name) + "</h2>";
    for (std::size_t per = 0; per + 1 < s.periods.size(); ++per)
      o += "<p class=\"tabletitle\">" + e(s.periods[per].label) + "</p>" + summary_table(p, d, per);
  }
  return o + "</section>";
}

std::string rr_text(const models::Intervention& iv) {
  std::string t = format_number(iv.offending_rr, 2);
  if (iv.rr_low != iv.rr_high || iv.interval_given) t += " [" + format_number(iv.rr_low, 2) + ", " + format_number(iv.rr_high, 2) + "]";
  if (iv.interval_assumed) t += " (interval assumed" + (iv.interval_note.empty() ? std::string() : ": " + iv.interval_note) + ")";
  return t;
}

std::string evidence_section(const BoardPack& p) {
  std::string o = "<section><h1>The evidence behind every assumption</h1>";
  o += "<h2>Interventions</h2><p>Effect: the rate ratio on a child's offending while the intervention runs (0.81: 19% "
       "less), with its 95% interval; each run draws the effect from that interval, so the projections carry the "
       "uncertainty of the evidence. Evidence rating: strong, moderate, weak, none or harmful.</p>";
  bool any = false;
  for (const auto& v : p.scenario.variants)
    for (const auto& iv : v.interventions) {
      any = true;
      o += "<div class=\"iv\"><p><b>" + e(iv.name) + "</b> (" + e(v.name) + "; " + e(iv.kind) + "). " + e(iv.description) + "</p>";
      o += "<table class=\"evidence\"><tbody><tr>" + td("Who is eligible") + td(std::string(models::target_name(iv.target)) +
           ", ages " + format_number(iv.age_min, 0) + "-" + format_number(iv.age_max, 0) +
           (iv.needs.empty() ? "" : ", needs: " + [&] { std::string n; for (const auto& x : iv.needs) n += (n.empty() ? "" : ", ") + x; return n; }())) + "</tr>";
      o += "<tr>" + td("Places a year; start month; ramp-up") +
           td((iv.limited() ? format_number(iv.places_per_year, 0) : std::string("unlimited")) + "; month " +
              format_number(iv.start_month + 1, 0) + "; " + format_number(iv.ramp_up_months, 0) + " months") + "</tr>";
      o += "<tr>" + td("Duration; uptake; effect lasts after") + td(format_number(iv.duration_months, 0) + " months; " +
           format_probability(iv.uptake) + "; " + format_number(iv.persist_months, 0) + " months") + "</tr>";
      o += "<tr>" + td("Effect on offending (rate ratio [95% interval])") + td(rr_text(iv)) + "</tr>";
      if (iv.pathway())
        o += "<tr>" + td("Changes to decisions") + td("diverted " + format_probability(iv.divert_share) + ", custody to community " +
             format_probability(iv.custody_to_community_share) + ", remand to bail " + format_probability(iv.ryda_to_bail_share)) + "</tr>";
      const std::string rating = iv.evidence.empty() ? "not stated" : iv.evidence;
      o += "<tr>" + td("Evidence rating") + td(rating, rating == "strong" || rating == "moderate" ? nullptr : "bad") + "</tr>";
      o += "<tr>" + td("Cost") + td(format_gbp(iv.cost_per_place_gbp) + " a place, " + format_gbp(iv.fixed_cost_per_year_gbp) +
           " a year fixed; price year " + (iv.price_year.empty() ? std::string("not stated") : iv.price_year)) + "</tr>";
      o += "<tr>" + td("Source") + td(iv.source) + "</tr></tbody></table></div>";
    }
  if (!any) o += "<p>No commissioned interventions in this scenario.</p>";
  o += "<h2>Model, calibration and method</h2><ul>"
       "<li>Model: yjsim " + e(p.model_version) + ", an agent-based cohort simulation of children through offending, "
       "police outcomes, out-of-court disposals, court, remand, custody and release (yjsim docs/model.md). Indicators as "
       "defined in yjsim docs/kpis.md: the Ministry of Justice's 3-month cohort method for reoffending.</li>"
       "<li>Calibration: the model's defaults reproduce the national headline figures for England and Wales, year "
       "ending March 2019 (first time entrant rate, binary reoffending rate, reoffences per reoffender, custodial "
       "sentences, custody population; yjsim docs/calibration.md).</li>" + calibration_item(p.scenario.calibration) +
       "<li>Method: " + std::to_string(p.results.replicates) + " runs (seed " + std::to_string(p.results.seed) +
       "). Each run follows the same children through the same chance events with and without the change, so a "
       "difference is the change's own effect; the 90% interval holds 90% of the runs' differences. \"Chance lower\" "
       "is the share of runs in which the figure is lower with the change.</li></ul>";
  o += "<h2>Re-running this pack</h2><p>The same pack, byte for byte, from the yjsim source of this version:</p><pre class=\"cmd\">" +
       e(p.rerun_command) + "</pre><p>and the results file it is made from (<code>yjsim report results.h5</code> gives the same pack):</p><pre class=\"cmd\">" +
       e(p.run_command) + "</pre>";
  o += "<h2>The scenario (" + e(p.scenario.file) + ")</h2><pre class=\"scenario\">" + e(p.scenario.text) + "</pre>";
  return o + "</section>";
}

const char* kStyle = R"(
@page { size: A4; margin: 14mm 13mm 14mm 13mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 9.5pt; line-height: 1.35;
       color: #111; max-width: 184mm; margin: 0 auto; padding: 6mm 0; }
h1 { font-size: 15pt; margin: 0 0 3mm; border-bottom: 2px solid #3b6ea8; padding-bottom: 1mm; }
h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; }
p { margin: 1.5mm 0; }
.sub { color: #444; margin-bottom: 3mm; }
ul.decision { padding-left: 5mm; margin: 1mm 0 2mm; }
ul.decision li { margin: 1.2mm 0; }
.desc { font-style: italic; color: #333; }
table { border-collapse: collapse; width: 100%; margin: 1.5mm 0 3mm; font-size: 8.5pt; page-break-inside: avoid; }
th { text-align: left; background: #eef2f7; border-bottom: 1px solid #9aa9bd; padding: 1.2mm 1.5mm; font-weight: bold; }
td { border-bottom: 1px solid #dde2e8; padding: 1mm 1.5mm; vertical-align: top; }
table.summary td:nth-child(n+2), table.vfm td:nth-child(n+2), 
table.summary td:nth-child(n+2), table.vfm td:nth-child(n+2) { white-space: nowrap; }
table.evidence td:first-child { width: 30%; color: #333; }
td.good { color: #1f7a3a; font-weight: bold; } td.bad { color: #b3261e; font-weight: bold; } td.grey { color: #555; }
.tabletitle { font-weight: bold; margin-top: 3mm; page-break-after: avoid; break-after: avoid; }
h2 { page-break-after: avoid; break-after: avoid; }
.warn { border-left: 4px solid #d9822b; background: #fdf3e8; padding: 1.5mm 3mm; margin: 2mm 0; page-break-inside: avoid; }
.warn ul { margin: 1mm 0; padding-left: 5mm; }
section { break-before: page; page-break-before: always; }
.fig { page-break-inside: avoid; margin: 2mm 0 3mm; }
svg.chart { width: 100%; height: auto; }
.note { font-size: 9px; color: #555; }
pre { white-space: pre-wrap; word-break: break-word; font-size: 7pt; line-height: 1.25; background: #f6f6f6; padding: 2mm; }
pre.cmd { font-size: 8.5pt; }
.iv { page-break-inside: avoid; }
.keep { page-break-inside: avoid; }
table.cap { font-size: 8pt; }
table.summary.wide td, table.summary.wide th { white-space: normal; font-size: 7.5pt; }
ul.published { font-size: 8pt; color: #333; margin: 0 0 2mm; padding-left: 5mm; }
)";
}  // namespace

std::string board_html(const BoardPack& p) {
  const auto& r = p.results;
  std::string o;
  o += "<h1>Board pack: " + e(title_of(p)) + "</h1><p class=\"sub\">" +
       e("What the projection says, " + month_name(r.calendar.start().iso()) + " to " +
         month_name(r.calendar.at(r.calendar.months() - 1).iso()) + " (" + std::to_string(r.calendar.months()) +
         " months), from " + std::to_string(r.replicates) + " runs of the yjsim model. Figures are for the area's children "
         "aged 10-17; \"with the change\" is each variant, \"without\" today's services. Every figure has its 90% interval: "
         "the range that holds 90% of the runs.") + "</p>";
  o += "<h1>The decision</h1>" + decision(p);
  o += value_section(p) + capacity_section(p) + "</section>" + charts_section(p) + funnel_section(p) + calibration_section(p) + years_section(p) + evidence_section(p);
  return board_page("Board pack: " + title_of(p), o);
}

std::string board_page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>" + xml_escape(title) +
         "</title><style>" + kStyle + chart_style() + "\n</style></head><body>" + body + "</body></html>\n";
}

}  // namespace yjsim::report
