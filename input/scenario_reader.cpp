// Scenario files into descriptions. The reader checks what only a file can get wrong (syntax, unknown keys,
// types, array lengths, names that refer to nothing) and notes the line of every value it reads; the values
// themselves are checked by models::validate(), the one check every kind of scenario passes, whose complaint is
// turned back into the file's line here.
#include "input/scenario_reader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "input/toml_util.h"
#include "models/kpis.h"
#include "sim/errors.h"

namespace yjsim::input {

using namespace models;

namespace {

using sim::InputError;

const char* const kSections[] = {"population", "offending", "desistance", "detection",
                                 "outcome",    "court",     "orders",     "costs"};

bool is_section(const std::string& k) {
  return std::any_of(std::begin(kSections), std::end(kSections), [&](const char* s) { return k == s; });
}

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const toml::node& n, const std::string& field, const std::string& found,
                         const std::string& allowed) const {
    throw InputError(file_, line_of(n), field, found, allowed);
  }

  // A broken rule of the description, at the line where the file gave the value.
  [[noreturn]] void fail(const Invalid& e) const {
    std::string field = e.field;
    if (!e.intervention.empty()) field = (e.variant == 0 ? "intervention." : "variant.intervention.") + field;
    throw InputError(file_, line_for(e), field, e.found, e.allowed);
  }

  // ---- parameters ----
  double number(const toml::node& n, const std::string& field) const {
    auto v = n.value<double>();
    if (!v || n.is_boolean()) fail(n, field, describe(n), "a number");
    if (!std::isfinite(*v)) fail(n, field, describe(n), "a finite number");
    return *v;
  }

  std::string string_of(const toml::node& n, const std::string& field) const {
    auto v = n.value<std::string>();
    if (!v) fail(n, field, describe(n), "a string");
    return *v;
  }

  void parameter(const toml::node& n, const ParamDecl& d, Params& p, std::size_t v) {
    const std::string field = d.name;
    note(v, "", field, n);
    auto target = d.ref(p);
    if (target.size() == 1) {
      target[0] = number(n, field);
      return;
    }
    const auto* a = n.as_array();
    if (!a || a->size() != target.size())
      fail(n, field, describe(n), "an array of " + std::to_string(target.size()) + " numbers (" + d.unit + ")");
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string fi = field + "[" + std::to_string(i) + "]";
      note(v, "", fi, *a->get(i));
      target[i] = number(*a->get(i), fi);
    }
  }

  void section(const toml::node& node, const std::string& name, Params& p, std::size_t v) {
    const auto* t = node.as_table();
    if (!t) fail(node, name, describe(node), "a table [" + name + "]");
    for (const auto& [key, value] : *t) {
      const std::string full = name + "." + std::string(key.str());
      if (name == "run" && v > 0) fail(value, full, "a [run] setting in a variant", "[run] only in the baseline");
      note(v, "", full, value);
      if (full == "run.start") {
        auto s = value.value<std::string>();
        auto ym = s ? sim::YearMonth::parse(*s) : std::nullopt;
        if (!ym) fail(value, full, describe(value), "a month \"YYYY-MM\"");
        p.run.start = *ym;
        continue;
      }
      if (full == "run.seed") {
        auto s = value.value<std::int64_t>();
        if (!s || *s < 0 || !value.is_integer()) fail(value, full, describe(value), "a whole number >= 0");
        p.run.seed = static_cast<std::uint64_t>(*s);
        continue;
      }
      const ParamDecl* decl = nullptr;
      for (const auto& d : parameter_table())
        if (full == d.name) decl = &d;
      if (!decl) fail(value, full, "an unknown parameter", allowed_keys(name));
      parameter(value, *decl, p, v);
    }
  }

  static std::string allowed_keys(const std::string& section_name) {
    std::string keys;
    const std::string prefix = section_name + ".";
    for (const auto& d : parameter_table()) {
      std::string n = d.name;
      if (n.rfind(prefix, 0) == 0) keys += (keys.empty() ? "" : ", ") + n.substr(prefix.size());
    }
    if (section_name == "run") keys += ", start, seed";
    return keys.empty() ? "no keys" : keys;
  }

  void needs(const toml::node& node, Params& p, std::size_t v) {
    if (v > 0) fail(node, "needs", "[needs] in a variant", "[needs] only in the baseline (drawn at entry)");
    const auto* t = node.as_table();
    if (!t) fail(node, "needs", describe(node), "tables [needs.<flag>]");
    for (const auto& [key, value] : *t) {
      const std::string flag(key.str());
      const std::string field = "needs." + flag;
      note(v, "", field, value);
      const auto* ft = value.as_table();
      if (!ft) fail(value, field, describe(value), "a table with prevalence, multiplier, source");
      auto it = std::find_if(p.needs.begin(), p.needs.end(), [&](const NeedFlag& n) { return n.name == flag; });
      if (it == p.needs.end()) {
        if (!ft->contains("prevalence") || !ft->contains("multiplier") || !ft->contains("source"))
          fail(value, field, "a new flag without prevalence, multiplier and source",
               "a new flag states all three (every figure names its source)");
        p.needs.push_back(NeedFlag{flag, 0, 1, ""});
        it = p.needs.end() - 1;
      }
      for (const auto& [k, e] : *ft) {
        const std::string kk(k.str()), fk = field + "." + kk;
        note(v, "", fk, e);
        if (kk == "prevalence") it->prevalence = number(e, fk);
        else if (kk == "multiplier") it->multiplier = number(e, fk);
        else if (kk == "source") it->source = string_of(e, fk);
        else fail(e, fk, "an unknown key", "prevalence, multiplier, source");
      }
    }
  }

  // ---- interventions (docs/interventions.md; fields from models::intervention_fields()) ----
  // catalogue = "path" or ["path", ...], relative to the scenario file: [[intervention]] templates for `use`.
  void load_catalogue(const toml::node& node, const std::string& scenario_file) {
    std::vector<const toml::node*> paths;
    if (const auto* a = node.as_array()) for (const auto& e : *a) paths.push_back(&e);
    else paths.push_back(&node);
    for (const auto* p : paths) {
      const std::string rel = string_of(*p, "catalogue");
      const auto dir = std::filesystem::path(scenario_file).parent_path();
      const std::string path = (dir / rel).string();
      std::string text, problem;
      if (!try_read_text_file(path, text, problem))
        fail(*p, "catalogue", "\"" + rel + "\" (" + path + ": " + problem + ")",
             "a catalogue file (a regular file, at most 64 MiB) relative to the scenario");
      const toml::table cat = parse_toml(text, path);
      Reader sub(path);
      for (const auto& [k, v] : cat) {
        if (k.str() != "intervention") sub.fail(v, std::string(k.str()), "an unknown key", "[[intervention]] tables only");
        const auto* a = v.as_array();
        if (!a) sub.fail(v, "intervention", describe(v), "tables [[intervention]]");
        for (const auto& n : *a) {
          Intervention iv = sub.intervention(n, {}, "intervention", nullptr, 0);
          try {
            validate_intervention(iv, default_needs());
          } catch (const Invalid& e) {
            sub.fail(e);
          }
          templates_.push_back(iv);
        }
      }
    }
  }

  void intervention_key(const std::string& name, const toml::node& v, Intervention& iv, const std::string& at,
                        std::vector<std::pair<std::string, long>>& lines) const {
    const std::string field = at + "." + name;
    const InterventionField* f = find_intervention_field(name);
    if (!f) {
      std::string allowed = name.rfind("effect.", 0) == 0 ? "" : "use";
      for (const auto& g : intervention_fields())
        if (g.in_effect() == (name.rfind("effect.", 0) == 0)) allowed += (allowed.empty() ? "" : ", ") + g.key();
      if (name.rfind("effect.", 0) != 0) allowed += ", effect";
      fail(v, field, "an unknown key", allowed);
    }
    lines.emplace_back(name, line_of(v));
    switch (f->kind) {
      case FieldKind::number:
      case FieldKind::whole:
        iv.*f->value = number(v, field);
        if (name == "effect.rr_low" || name == "effect.rr_high") iv.interval_given = true;
        break;
      case FieldKind::text: f->set(iv, string_of(v, field)); break;
      case FieldKind::choice: {
        const std::string s = string_of(v, field);
        if (!f->set(iv, s)) fail(v, field, "\"" + s + "\"", f->choices);
        break;
      }
      case FieldKind::names: {
        const auto* a = v.as_array();
        if (!a) fail(v, field, describe(v), "an array of needs flag names");
        iv.needs.clear();
        for (const auto& e : *a) iv.needs.push_back(string_of(e, field));
        break;
      }
      case FieldKind::range: {
        const auto* a = v.as_array();
        if (!a || a->size() != 2) fail(v, field, describe(v), "[min, max] (" + std::string(f->unit) + ")");
        iv.*f->value = number(*a->get(0), field);
        iv.*f->high = number(*a->get(1), field);
        break;
      }
    }
  }

  // One [[intervention]] table: `use` copies a catalogue entry (or, in a variant, the baseline's one of that
  // name), then the table's keys change it.
  Intervention intervention(const toml::node& node, const std::vector<Intervention>& templates,
                            const std::string& at, const Intervention* existing, std::size_t v) {
    const auto* t = node.as_table();
    if (!t) fail(node, at, describe(node), "a table [[" + at + "]]");
    Intervention iv;
    if (existing) iv = *existing;
    std::vector<std::pair<std::string, long>> lines{{"", line_of(node)}};
    if (const auto* use = t->get("use")) {
      const std::string name = string_of(*use, at + ".use");
      auto it = std::find_if(templates.begin(), templates.end(), [&](const Intervention& c) { return c.name == name; });
      if (it == templates.end()) {
        std::string allowed;
        for (const auto& c : templates) allowed += (allowed.empty() ? "" : ", ") + c.name;
        fail(*use, at + ".use", "\"" + name + "\"", allowed.empty() ? "a catalogue entry (no catalogue loaded)" : allowed);
      }
      iv = *it;
    }
    for (const auto& [key, value] : *t) {
      const std::string k(key.str());
      if (k == "use") continue;
      if (k != "effect") {
        intervention_key(k, value, iv, at, lines);
        continue;
      }
      const auto* e = value.as_table();
      if (!e) fail(value, at + ".effect", describe(value), "a table [" + at + ".effect]");
      for (const auto& [ek, ev] : *e) intervention_key("effect." + std::string(ek.str()), ev, iv, at, lines);
    }
    for (const auto& [field, line] : lines) lines_[key(v, iv.name, field)] = line;
    return iv;
  }

  // ---- variants ----
  Variant variant(const toml::node& node, const Variant& base, std::size_t v) {
    const auto* t = node.as_table();
    if (!t) fail(node, "variant", describe(node), "a table [[variant]]");
    note(v, "", "variant", node);
    Variant var{"", "", base.params, base.interventions};
    for (const auto& [key, value] : *t) {
      const std::string k(key.str());
      if (k == "name" || k == "description") {
        note(v, "", "variant." + k, value);
        (k == "name" ? var.name : var.description) = string_of(value, "variant." + k);
      } else if (k == "needs") {
        needs(value, var.params, v);
      } else if (k == "intervention" || k == "remove_interventions") {
        continue;  // applied below, once the variant's parameters are known
      } else if (is_section(k) || k == "run") {
        section(value, k, var.params, v);
      } else {
        fail(value, "variant." + k, "an unknown key",
             "name, description, remove_interventions, [[variant.intervention]], and parameter sections");
      }
    }
    if (const auto* rm = t->get("remove_interventions")) {
      const auto* a = rm->as_array();
      if (!a) fail(*rm, "variant.remove_interventions", describe(*rm), "an array of intervention names");
      for (const auto& e : *a) {
        const std::string name = string_of(e, "variant.remove_interventions");
        auto it = std::find_if(var.interventions.begin(), var.interventions.end(),
                               [&](const Intervention& iv) { return iv.name == name; });
        if (it == var.interventions.end())
          fail(e, "variant.remove_interventions", "\"" + name + "\"", "the name of a baseline intervention");
        var.interventions.erase(it);
      }
    }
    if (const auto* ivs = t->get("intervention")) {
      const auto* a = ivs->as_array();
      if (!a) fail(*ivs, "variant.intervention", describe(*ivs), "tables [[variant.intervention]]");
      for (const auto& n : *a) {
        // A name of the baseline's changes that intervention (resize, retime); any other adds one.
        const auto* nt = n.as_table();
        std::string name;
        if (nt && nt->get("name")) name = string_of(*nt->get("name"), "variant.intervention.name");
        else if (nt && nt->get("use")) name = string_of(*nt->get("use"), "variant.intervention.use");
        auto it = std::find_if(var.interventions.begin(), var.interventions.end(),
                               [&](const Intervention& iv) { return iv.name == name; });
        const bool change = it != var.interventions.end() && !(nt && nt->get("use") && !nt->get("name"));
        Intervention iv = intervention(n, templates_, "variant.intervention", change ? &*it : nullptr, v);
        if (change) *it = iv;
        else var.interventions.push_back(iv);
      }
    }
    return var;
  }

  // ---- [calibration] (docs/calibration.md): what `yjsim calibrate` wrote, or the path of a file holding it ----
  void calibration(const toml::node& node, Params& p, Calibration& c) {
    note(0, "", "calibration", node);
    const toml::table* t = node.as_table();
    if (!t) fail(node, "calibration", describe(node), "a table [calibration] as `yjsim calibrate` writes it");
    auto text = [&](const char* key) {
      const auto* n = t->get(key);
      return n ? string_of(*n, std::string("calibration.") + key) : std::string();
    };
    auto numbers = [&](const toml::node& n, const std::string& field) {
      const auto* a = n.as_array();
      if (!a) fail(n, field, describe(n), "an array of numbers");
      std::vector<double> out;
      for (std::size_t i = 0; i < a->size(); ++i) out.push_back(number(*a->get(i), field + "[" + std::to_string(i) + "]"));
      return out;
    };
    for (const auto& [key, value] : *t) {
      const std::string k(key.str()), field = "calibration." + k;
      note(0, "", field, value);
      if (k == "area" || k == "date" || k == "targets" || k == "method") continue;
      if (k == "start") {
        const auto ym = sim::YearMonth::parse(string_of(value, field));
        if (!ym) fail(value, field, describe(value), "a month \"YYYY-MM\"");
        p.run.start = *ym;
      } else if (k == "population") {
        section(value, "population", p, 0);
      } else if (k == "fitted_to") {
        const auto* a = value.as_array();
        if (!a) fail(value, field, describe(value), "an array of strings");
        for (std::size_t i = 0; i < a->size(); ++i) c.fitted_to.push_back(string_of(*a->get(i), field));
      } else if (k == "published") {
        published(value, field, c);
      } else if (k == "parameters") {
        const auto* a = value.as_array();
        if (!a) fail(value, field, describe(value), "an array of parameter names");
        for (std::size_t i = 0; i < a->size(); ++i) c.parameters.push_back(string_of(*a->get(i), field));
      } else if (k == "values") {
        c.values = numbers(value, field);
      } else if (k == "draws") {
        const auto* a = value.as_array();
        if (!a) fail(value, field, describe(value), "an array of arrays of numbers, one per posterior draw");
        for (std::size_t i = 0; i < a->size(); ++i) {
          const std::string fi = field + "[" + std::to_string(i) + "]";
          note(0, "", fi, *a->get(i));
          c.draws.push_back(numbers(*a->get(i), fi));
        }
      } else {
        fail(value, field, "an unknown key", "area, date, targets, method, fitted_to, published, start, population, "
             "parameters, values, draws");
      }
    }
    c.area = text("area");
    c.date = text("date");
    c.targets = text("targets");
    c.method = text("method");
    if (c.values.size() != c.parameters.size())
      fail(node, "calibration.values", std::to_string(c.values.size()) + " values",
           std::to_string(c.parameters.size()) + ", one per calibration.parameters");
    for (std::size_t i = 0; i < c.parameters.size(); ++i) {
      try {
        set_element(p, param_element(c.parameters[i]), c.values[i]);
      } catch (const std::invalid_argument& e) {
        fail(*t->get("parameters"), "calibration.parameters", "\"" + c.parameters[i] + "\"", e.what());
      }
    }
  }

  // `published`: the targets as `yjsim calibrate` wrote them, one table per figure (optional: older files lack it).
  void published(const toml::node& node, const std::string& field, Calibration& c) {
    const auto* a = node.as_array();
    if (!a) fail(node, field, describe(node), "an array of tables {kpi, value, period, ...}");
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string fi = field + "[" + std::to_string(i) + "]";
      const auto* t = a->get(i)->as_table();
      if (!t) fail(*a->get(i), fi, describe(*a->get(i)), "a table {kpi, value, period, ...}");
      PublishedFigure f;
      for (const auto& [key, v] : *t) {
        const std::string k(key.str()), fk = fi + "." + k;
        if (k == "kpi") f.kpi = string_of(v, fk);
        else if (k == "breakdown") f.breakdown = string_of(v, fk);
        else if (k == "category") f.category = string_of(v, fk);
        else if (k == "value") f.value = number(v, fk);
        else if (k == "cohort_size") f.cohort_size = number(v, fk);
        else if (k == "source") f.source = string_of(v, fk);
        else if (k == "holdout") {
          if (!v.is_boolean()) fail(v, fk, describe(v), "true or false");
          f.holdout = v.as_boolean()->get();
        } else if (k == "period") {
          f.period = string_of(v, fk);
          const auto dots = f.period.find("..");
          if (dots == std::string::npos || !sim::YearMonth::parse(f.period.substr(0, dots)) ||
              !sim::YearMonth::parse(f.period.substr(dots + 2)))
            fail(v, fk, describe(v), "\"YYYY-MM..YYYY-MM\"");
        } else {
          fail(v, fk, "an unknown key", "kpi, breakdown, category, value, period, cohort_size, holdout, source");
        }
      }
      if (f.kpi.empty() || f.period.empty() || !t->get("value"))
        fail(*a->get(i), fi, describe(*a->get(i)), "a table with kpi, value and period");
      try {
        (void)models::kpi_index(f.kpi);
      } catch (const std::out_of_range&) {
        fail(*t->get("kpi"), fi + ".kpi", "\"" + f.kpi + "\"", "a KPI of docs/kpis.md");
      }
      c.published.push_back(std::move(f));
    }
  }

  void note(std::size_t v, const std::string& iv, const std::string& field, const toml::node& n) {
    lines_[key(v, iv, field)] = line_of(n);
  }

  std::vector<Intervention> templates_;  // the catalogue

 private:
  static std::string key(std::size_t v, const std::string& iv, const std::string& field) {
    return std::to_string(v) + "|" + iv + "|" + field;
  }

  // The line of the value a broken rule is about; failing that, of its table; failing that, of its variant.
  long line_for(const Invalid& e) const {
    auto find = [&](std::size_t v, const std::string& iv, const std::string& f) -> long {
      const auto it = lines_.find(key(v, iv, f));
      return it == lines_.end() ? 0 : it->second;
    };
    const std::string whole = e.field.substr(0, e.field.find('['));
    for (const std::size_t v : {e.variant, std::size_t{0}})
      for (const std::string& f : {e.field, whole, std::string()})
        if (const long l = find(v, e.intervention, f)) return l;
    return find(e.variant, "", "variant");
  }

  std::string file_;
  std::map<std::string, long> lines_;
};

}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& file) {
  Reader r(file);
  const toml::table root = parse_toml(text, file);
  Scenario s{file, std::string(text), {}, {}, {}};
  Variant base{"baseline", "the scenario as given, without variants", default_params(), {}};
  for (const auto& [key, value] : root) {
    const std::string k(key.str());
    if (k == "run" || is_section(k)) r.section(value, k, base.params, 0);
    else if (k == "needs") r.needs(value, base.params, 0);
    else if (k == "variant" || k == "intervention" || k == "catalogue" || k == "calibration") continue;
    else
      r.fail(value, k, "an unknown section", "run, population, offending, desistance, detection, outcome, court, "
             "orders, costs, needs, catalogue, calibration, intervention, variant");
  }
  // The calibration after the sections (its values win) and before the variants (which start from the baseline).
  if (const auto* cal = root.get("calibration")) {
    if (cal->is_string()) {  // `calibration = "bromley.toml"`: the [calibration] of another scenario file
      const auto path = (std::filesystem::path(file).parent_path() / cal->value<std::string>().value_or("")).string();
      const std::string other = read_text_file(path, "a calibrated scenario written by `yjsim calibrate`");
      const toml::table them = parse_toml(other, path);
      Reader r2(path);
      if (!them.get("calibration")) r2.fail(them, "calibration", "no [calibration] table", "a file written by `yjsim calibrate -o`");
      // A what-if built on a calibration may plan from its own start month; without one it starts where the
      // area's figures do.
      const auto* run = root.get("run");
      const bool own_start = run && run->as_table() && run->as_table()->get("start");
      const sim::YearMonth start = base.params.run.start;
      r2.calibration(*them.get("calibration"), base.params, s.calibration);
      if (own_start) base.params.run.start = start;
    } else {
      r.calibration(*cal, base.params, s.calibration);
    }
  }
  if (const auto* cat = root.get("catalogue")) r.load_catalogue(*cat, file);
  s.catalogue = r.templates_;
  if (const auto* ivs = root.get("intervention")) {
    const auto* arr = ivs->as_array();
    if (!arr) r.fail(*ivs, "intervention", describe(*ivs), "tables [[intervention]]");
    for (const auto& node : *arr) base.interventions.push_back(r.intervention(node, r.templates_, "intervention", nullptr, 0));
    r.note(0, "", "intervention", *ivs);
  }
  s.variants.push_back(base);
  if (const auto* vs = root.get("variant")) {
    const auto* arr = vs->as_array();
    if (!arr) r.fail(*vs, "variant", describe(*vs), "an array of tables [[variant]]");
    for (const auto& node : *arr) s.variants.push_back(r.variant(node, base, s.variants.size()));
  }
  try {
    validate(s);
  } catch (const Invalid& e) {
    r.fail(e);
  }
  return s;
}

std::vector<Intervention> load_catalogue(const std::string& path) {
  const auto name = std::filesystem::path(path).filename().string();
  const auto dir = std::filesystem::path(path).parent_path().string();
  const std::string text = "catalogue = \"" + name + "\"\n";
  return parse_scenario(text, (std::filesystem::path(dir) / "catalogue-loader.toml").string()).catalogue;
}

std::string toml_version() { return std::to_string(TOML_LIB_MAJOR) + "." + std::to_string(TOML_LIB_MINOR); }

Scenario load_scenario(const std::string& path) {
  return parse_scenario(read_text_file(path, "a path to an existing scenario file (.toml)"), path);
}

}  // namespace yjsim::input
