#include "gui/app_state.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>

#include "io/atomic_file.h"
#include "input/scenario_reader.h"
#include "input/scenario_writer.h"
#include "sim/errors.h"

#ifndef YJSIM_SOURCE_DIR
#define YJSIM_SOURCE_DIR "."
#endif

namespace yjsim::gui {

using models::Intervention;
using models::Variant;

namespace {

// Two interventions are the same if the scenario writer writes them the same (robust to new fields).
std::string fingerprint(const Intervention& iv) {
  models::Scenario one{"", "", {Variant{"baseline", "", models::default_params(), {iv}}}, {}, {}};
  return input::scenario_to_toml(one);
}

bool matches(const Intervention* have, const std::optional<Intervention>& expected) {
  if (!have || !expected) return !have && !expected;
  return fingerprint(*have) == fingerprint(*expected);
}

void set_in(Variant& v, const std::string& name, const std::optional<Intervention>& after) {
  auto it = std::find_if(v.interventions.begin(), v.interventions.end(),
                         [&](const Intervention& iv) { return iv.name == name; });
  if (it != v.interventions.end()) {
    if (after)
      *it = *after;
    else
      v.interventions.erase(it);
  } else if (after) {
    v.interventions.push_back(*after);
  }
}

// Changed since opened or saved: an edit that is undone by hand leaves the scenario unchanged.
void refresh_modified(AppState& s) { s.modified = input::scenario_to_toml(s.scenario) != s.saved_text; }

void touch(AppState& s) {
  ++s.edits;
  refresh_modified(s);
}

// Sets one variant's copy of an intervention; a baseline change carries over to the variants whose copy was
// the same as the baseline's (what a variant has not changed follows the baseline, as in a scenario file).
void apply_change(AppState& s, std::size_t v, const std::string& name,
                  const std::optional<Intervention>& before, const std::optional<Intervention>& after) {
  if (v == 0)
    for (std::size_t w = 1; w < s.scenario.variants.size(); ++w)
      if (matches(find_intervention(s.scenario.variants[w], name), before))
        set_in(s.scenario.variants[w], name, after);
  set_in(s.scenario.variants[v], name, after);
  touch(s);
}

bool name_taken(const AppState& s, const std::string& name, std::size_t except) {
  if (name == "baseline") return true;
  for (std::size_t v = 0; v < s.scenario.variants.size(); ++v)
    if (v != except && s.scenario.variants[v].name == name) return true;
  return false;
}

std::string unique_name(const AppState& s, const std::string& stem) {
  for (int i = 1;; ++i) {
    const std::string name = stem + "_" + std::to_string(i);
    if (!name_taken(s, name, s.scenario.variants.size())) return name;
  }
}

}  // namespace

std::string bundled_scenario() { return YJSIM_SOURCE_DIR "/scenarios/default.toml"; }
std::string bundled_catalogue() { return YJSIM_SOURCE_DIR "/scenarios/interventions/catalogue.toml"; }

AppState open_scenario(const std::string& path) {
  AppState s;
  s.scenario = input::load_scenario(path);
  s.path = path;
  s.catalogue = s.scenario.catalogue;
  // A scenario without its own catalogue (a file the app saved, say) still offers the bundled one.
  if (s.catalogue.empty()) s.catalogue = input::load_catalogue(bundled_catalogue());
  s.stash.resize(s.scenario.variants.size());
  s.saved_text = input::scenario_to_toml(s.scenario);
  return s;
}

models::Scenario runnable(const AppState& s) {
  models::validate(s.scenario);  // the same check as a scenario file's (throws models::Invalid)
  return s.scenario;
}

void save_scenario(AppState& s, const std::string& path) {
  models::validate(s.scenario);  // never write a file the command line would reject
  // The file's own comments stay where the planner did not change the value (input/scenario_writer.h).
  const std::string text = input::scenario_to_toml(s.scenario, s.scenario.text);
  io::AtomicFile file(path);
  file.write(text);  // every write and the close checked: a full disk never replaces the saved file
  file.commit();
  s.path = path;
  s.scenario.text = text;  // the next save keeps the comments as this file now has them
  s.saved_text = input::scenario_to_toml(s.scenario);
  s.modified = false;
}

std::vector<Intervention> intervention_rows(const AppState& s) {
  std::vector<Intervention> rows = s.catalogue;
  for (const auto& v : s.scenario.variants)
    for (const auto& iv : v.interventions)
      if (std::none_of(rows.begin(), rows.end(), [&](const Intervention& r) { return r.name == iv.name; }))
        rows.push_back(iv);
  return rows;
}

Intervention* find_intervention(Variant& v, const std::string& name) {
  for (auto& iv : v.interventions)
    if (iv.name == name) return &iv;
  return nullptr;
}

void set_enabled(AppState& s, std::size_t v, const Intervention& row, bool on) {
  Variant& var = s.scenario.variants[v];
  Intervention* have = find_intervention(var, row.name);
  if (on == (have != nullptr)) return;
  auto& stash = s.stash[v];
  if (!on) {
    const Intervention before = *have;
    stash[row.name] = before;
    apply_change(s, v, row.name, before, std::nullopt);
    return;
  }
  // Ticking again restores what was set before; a variant otherwise starts from the baseline's settings.
  Intervention chosen = row;
  if (auto it = stash.find(row.name); it != stash.end())
    chosen = it->second;
  else if (const Intervention* b = v ? find_intervention(s.scenario.variants[0], row.name) : nullptr)
    chosen = *b;
  apply_change(s, v, row.name, std::nullopt, chosen);
}

void replace_intervention(AppState& s, std::size_t v, const Intervention& changed) {
  Intervention* have = find_intervention(s.scenario.variants[v], changed.name);
  if (!have) return;
  const Intervention before = *have;
  apply_change(s, v, changed.name, before, changed);
}

std::size_t add_variant(AppState& s) {
  Variant v = s.scenario.variants.front();
  v.name = unique_name(s, "variant");
  v.description = "";
  s.scenario.variants.push_back(std::move(v));
  s.stash.emplace_back();
  touch(s);
  return s.scenario.variants.size() - 1;
}

std::size_t duplicate_variant(AppState& s, std::size_t from) {
  Variant v = s.scenario.variants[from];
  v.name = unique_name(s, from == 0 ? "variant" : v.name);
  s.scenario.variants.push_back(std::move(v));
  s.stash.push_back(s.stash[from]);
  touch(s);
  return s.scenario.variants.size() - 1;
}

void remove_variant(AppState& s, std::size_t v) {
  if (v == 0 || v >= s.scenario.variants.size()) return;
  s.scenario.variants.erase(s.scenario.variants.begin() + static_cast<long>(v));
  s.stash.erase(s.stash.begin() + static_cast<long>(v));
  if (s.selected >= s.scenario.variants.size()) s.selected = s.scenario.variants.size() - 1;
  touch(s);
}

std::string rename_variant(AppState& s, std::size_t v, const std::string& name) {
  if (v == 0) return "the baseline keeps its name";
  if (name.empty()) return "a name is needed";
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
      return "use letters, digits, '_', '-' and '.' only (the name labels the results)";
  if (name_taken(s, name, v)) return "\"" + name + "\" is already used";
  if (s.scenario.variants[v].name != name) {
    s.scenario.variants[v].name = name;
    touch(s);
  }
  return "";
}

void set_description(AppState& s, std::size_t v, const std::string& text) {
  if (s.scenario.variants[v].description == text) return;
  s.scenario.variants[v].description = text;
  refresh_modified(s);  // does not change the results: no new run
}

bool variant_may_change(const models::ParamDecl& d) { return !d.fixed_at_entry; }

const models::ParamDecl* find_parameter(const std::string& name) {
  for (const auto& d : models::parameter_table())
    if (name == d.name) return &d;
  return nullptr;
}

double parameter_value(const models::Params& p, const models::ParamDecl& d, std::size_t i) {
  // ref() only locates the field; it does not change it.
  return d.ref(const_cast<models::Params&>(p))[i];
}

void set_parameter(AppState& s, std::size_t v, const models::ParamDecl& d, std::size_t i, double value) {
  value = std::clamp(value, d.min, d.max);
  if (d.integer) value = std::round(value);
  auto& variants = s.scenario.variants;
  if (v > 0 && !variant_may_change(d)) return;
  const double before = d.ref(variants[v].params)[i];
  if (before == value) return;
  d.ref(variants[v].params)[i] = value;
  if (v == 0)
    for (std::size_t w = 1; w < variants.size(); ++w) {
      double& x = d.ref(variants[w].params)[i];
      if (!variant_may_change(d) || x == before) x = value;
    }
  touch(s);
}

void set_seed(AppState& s, std::uint64_t seed) {
  for (auto& v : s.scenario.variants) v.params.run.seed = seed;
  touch(s);
}

void set_start(AppState& s, const sim::YearMonth& start) {
  for (auto& v : s.scenario.variants) v.params.run.start = start;
  touch(s);
}

// ---------------------------------------------------------------------------------------------------------------
// Months

namespace {
const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
}

std::string month_label(const sim::YearMonth& m) {
  return std::string(kMonths[(m.month - 1) % 12]) + " " + std::to_string(m.year);
}

StartMonth parse_start_month(const std::string& raw, const sim::YearMonth& run_start) {
  std::string text = raw;
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t") + 1);
  std::optional<sim::YearMonth> m = sim::YearMonth::parse(text);
  if (!m) {  // "Apr 2019" (or "April 2019"), as the field shows it
    for (int i = 0; i < 12 && !m; ++i) {
      const std::string name = kMonths[i];
      if (text.size() < 8 || !std::equal(name.begin(), name.end(), text.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
          }))
        continue;
      const auto space = text.rfind(' ');
      if (space == std::string::npos) continue;
      const std::string year = text.substr(space + 1);
      if (year.size() == 4 && std::all_of(year.begin(), year.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        m = sim::YearMonth::parse(year + "-" + (i < 9 ? "0" : "") + std::to_string(i + 1));
    }
  }
  if (!m) return {std::nullopt, "a month as YYYY-MM (2019-04) or Mon YYYY (Apr 2019)"};
  const long offset = (static_cast<long>(m->year) - run_start.year) * 12 + (m->month - run_start.month);
  if (offset < 0) return {std::nullopt, "before the run starts (" + month_label(run_start) + ")"};
  const auto& f = models::intervention_field("start_month");
  if (static_cast<double>(offset) > f.max)
    return {std::nullopt, "more than " + std::to_string(static_cast<long>(f.max)) + " months after the run starts"};
  return {offset, ""};
}

std::string start_month_warning(long month, const models::Params& baseline) {
  const long horizon = static_cast<long>(baseline.run.months);
  if (month < horizon) return "";
  return "\u26a0 after the horizon (it ends " + month_label(baseline.run.start.plus(horizon - 1)) +
         "): no places start";
}

std::string calibration_summary(const models::Calibration& c) {
  const std::size_t n = c.draws.size();
  return "Calibrated to " + c.area + " (" + c.targets + ", " + c.date + "), " +
         (n == 0 ? std::string("no posterior draws (the fitted values only)")
                 : std::to_string(n) + (n == 1 ? " posterior draw" : " posterior draws"));
}

}  // namespace yjsim::gui
