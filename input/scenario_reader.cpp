#include "input/scenario_reader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "sim/errors.h"

namespace yjsim::input {

using namespace models;

namespace {

using sim::InputError;

const char* const kSections[] = {"population", "offending", "desistance", "detection",
                                 "outcome",    "court",     "orders",     "costs"};

long line_of(const toml::node& n) { return static_cast<long>(n.source().begin.line); }

std::string describe(const toml::node& n) {
  std::ostringstream s;
  if (n.is_string()) s << '"' << n.as_string()->get() << '"';
  else if (n.is_array()) s << "an array of " << n.as_array()->size();
  else if (n.is_table()) s << "a table";
  else if (n.is_boolean()) s << (n.as_boolean()->get() ? "true" : "false");
  else if (auto v = n.value<double>()) s << *v;
  else s << "a value of another type";
  return s.str();
}

std::string fmt(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const toml::node& n, const std::string& field, const std::string& found,
                         const std::string& allowed) const {
    throw InputError(file_, line_of(n), field, found, allowed);
  }

  double number(const toml::node& n, const std::string& field, const ParamDecl* d) const {
    auto v = n.value<double>();
    if (!v || n.is_boolean()) fail(n, field, describe(n), "a number");
    const double x = *v;
    if (!std::isfinite(x)) fail(n, field, describe(n), "a finite number");
    if (d) {
      if (x < d->min || x > d->max)
        fail(n, field, fmt(x), d->max >= 1e299 ? ">= " + fmt(d->min) : fmt(d->min) + " .. " + fmt(d->max));
      if (d->integer && x != std::floor(x)) fail(n, field, fmt(x), "a whole number");
    }
    return x;
  }

  void parameter(const toml::node& n, const ParamDecl& d, Params& p, bool in_variant) const {
    const std::string field = d.name;
    if (in_variant && d.fixed_at_entry)
      fail(n, field, "a change in a variant",
           "changes only in the baseline: this parameter is drawn when a child enters, before the shared burn-in "
           "ends");
    auto target = d.ref(p);
    if (target.size() == 1) {
      target[0] = number(n, field, &d);
      return;
    }
    const auto* a = n.as_array();
    if (!a || a->size() != target.size())
      fail(n, field, describe(n), "an array of " + std::to_string(target.size()) + " numbers (" + d.unit + ")");
    double sum = 0;
    for (std::size_t i = 0; i < a->size(); ++i) {
      target[i] = number(*a->get(i), field + "[" + std::to_string(i) + "]", &d);
      sum += target[i];
    }
    if (d.check == Check::Probabilities && std::fabs(sum - 1.0) > 1e-6)
      fail(n, field, "probabilities summing to " + fmt(sum), "probabilities summing to 1 (within 1e-6)");
    if (d.check == Check::Positive && !(sum > 0)) fail(n, field, "all zero", "at least one value above 0");
    if (d.check == Check::Increasing && target[0] > target[1])
      fail(n, field, "min " + fmt(target[0]) + " > max " + fmt(target[1]), "min <= max");
  }

  void section(const toml::node& node, const std::string& name, Params& p, bool in_variant) const {
    const auto* t = node.as_table();
    if (!t) fail(node, name, describe(node), "a table [" + name + "]");
    for (const auto& [key, value] : *t) {
      const std::string full = name + "." + std::string(key.str());
      const ParamDecl* decl = nullptr;
      for (const auto& d : parameter_table())
        if (full == d.name) decl = &d;
      if (name == "run" && in_variant) fail(value, full, "a [run] setting in a variant", "[run] only in the baseline");
      if (full == "run.start") {
        auto s = value.value<std::string>();
        auto ym = s ? sim::YearMonth::parse(*s) : std::nullopt;
        if (!ym) fail(value, full, describe(value), "a month \"YYYY-MM\"");
        p.run.start = *ym;
        continue;
      }
      if (full == "run.seed") {
        auto v = value.value<std::int64_t>();
        if (!v || *v < 0 || !value.is_integer()) fail(value, full, describe(value), "a whole number >= 0");
        p.run.seed = static_cast<std::uint64_t>(*v);
        continue;
      }
      if (!decl) fail(value, full, "an unknown parameter", allowed_keys(name));
      parameter(value, *decl, p, in_variant);
    }
  }

  std::string allowed_keys(const std::string& section_name) const {
    std::string keys;
    const std::string prefix = section_name + ".";
    for (const auto& d : parameter_table()) {
      std::string n = d.name;
      if (n.rfind(prefix, 0) == 0) keys += (keys.empty() ? "" : ", ") + n.substr(prefix.size());
    }
    if (section_name == "run") keys += ", start, seed";
    return keys.empty() ? "no keys" : keys;
  }

  void needs(const toml::node& node, Params& p, bool in_variant) const {
    if (in_variant) fail(node, "needs", "[needs] in a variant", "[needs] only in the baseline (drawn at entry)");
    const auto* t = node.as_table();
    if (!t) fail(node, "needs", describe(node), "tables [needs.<flag>]");
    for (const auto& [key, value] : *t) {
      const std::string flag(key.str());
      const std::string field = "needs." + flag;
      const auto* ft = value.as_table();
      if (!ft) fail(value, field, describe(value), "a table with prevalence, multiplier, source");
      NeedFlag* target = nullptr;
      for (auto& n : p.needs)
        if (n.name == flag) target = &n;
      const bool added = target == nullptr;
      if (added) {
        if (p.needs.size() >= 8) fail(value, field, "a 9th needs flag", "at most 8 needs flags");
        p.needs.push_back(NeedFlag{flag, 0, 1, ""});
        target = &p.needs.back();
      }
      ParamDecl share{"", "share", 0, 1, {}, "", false, false, Check::None, nullptr};
      ParamDecl mult{"", "rate ratio", 0, 100, {}, "", false, false, Check::None, nullptr};
      for (const auto& [k, v] : *ft) {
        const std::string kk(k.str());
        if (kk == "prevalence") target->prevalence = number(v, field + ".prevalence", &share);
        else if (kk == "multiplier") target->multiplier = number(v, field + ".multiplier", &mult);
        else if (kk == "source") {
          auto s = v.value<std::string>();
          if (!s || s->empty()) fail(v, field + ".source", describe(v), "a non-empty string");
          target->source = *s;
        } else fail(v, field + "." + kk, "an unknown key", "prevalence, multiplier, source");
      }
      if (added && (!ft->contains("prevalence") || !ft->contains("multiplier") || !ft->contains("source")))
        fail(value, field, "a new flag without prevalence, multiplier and source",
             "a new flag states all three (every figure names its source)");
    }
  }

  Variant variant(const toml::node& node, const Variant& base, const std::set<std::string>& taken) const {
    const auto* t = node.as_table();
    if (!t) fail(node, "variant", describe(node), "a table [[variant]]");
    Variant v{"", "", base.params, base.interventions};
    for (const auto& [key, value] : *t) {
      const std::string k(key.str());
      if (k == "name" || k == "description") {
        auto s = value.value<std::string>();
        if (!s) fail(value, "variant." + k, describe(value), "a string");
        (k == "name" ? v.name : v.description) = *s;
      } else if (k == "needs") {
        needs(value, v.params, true);
      } else if (k == "intervention" || k == "remove_interventions") {
        continue;  // applied below, once the variant's parameters are known
      } else if (is_section(k) || k == "run") {
        section(value, k, v.params, true);
      } else {
        fail(value, "variant." + k, "an unknown key", "name, description, and parameter sections");
      }
    }
    if (v.name.empty()) fail(node, "variant.name", "no name", "a non-empty name");
    if (const auto* rm = t->get("remove_interventions")) {
      const auto* a = rm->as_array();
      if (!a) fail(*rm, "variant.remove_interventions", describe(*rm), "an array of intervention names");
      for (const auto& e : *a) {
        const std::string name = string_of(e, "variant.remove_interventions");
        auto it = std::find_if(v.interventions.begin(), v.interventions.end(),
                               [&](const Intervention& iv) { return iv.name == name; });
        if (it == v.interventions.end())
          fail(e, "variant.remove_interventions", "\"" + name + "\"", "the name of a baseline intervention");
        v.interventions.erase(it);
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
        auto it = std::find_if(v.interventions.begin(), v.interventions.end(),
                               [&](const Intervention& iv) { return iv.name == name; });
        const bool change = it != v.interventions.end() && !(nt && nt->get("use") && !nt->get("name"));
        Intervention iv = intervention(n, templates_, "variant.intervention", change ? &*it : nullptr);
        validate(iv, n, v.params, "variant.intervention");
        if (change) *it = iv;
        else {
          for (const auto& other : v.interventions)
            if (other.name == iv.name) fail(n, "variant.intervention.name", "\"" + iv.name + "\" twice", "unique names");
          v.interventions.push_back(iv);
        }
      }
    }
    for (char c : v.name)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
        fail(node, "variant.name", "\"" + v.name + "\"", "letters, digits, '_', '-', '.' (it names an HDF5 group)");
    if (taken.count(v.name)) fail(node, "variant.name", "\"" + v.name + "\" again", "a name not used before");
    return v;
  }

  // ---- interventions (MODEL.md §8) ----
  // catalogue = "path" or ["path", ...], relative to the scenario file: [[intervention]] templates for `use`.
  void load_catalogue(const toml::node& node, const std::string& scenario_file) {
    std::vector<const toml::node*> paths;
    if (const auto* a = node.as_array()) for (const auto& e : *a) paths.push_back(&e);
    else paths.push_back(&node);
    for (const auto* p : paths) {
      const std::string rel = string_of(*p, "catalogue");
      const auto dir = std::filesystem::path(scenario_file).parent_path();
      const std::string path = (dir / rel).string();
      std::ifstream in(path, std::ios::binary);
      if (!in) fail(*p, "catalogue", "\"" + rel + "\" (no readable file " + path + ")", "a catalogue file relative to the scenario");
      std::ostringstream text;
      text << in.rdbuf();
      toml::table cat;
      try {
        cat = toml::parse(text.str(), path);
      } catch (const toml::parse_error& e) {
        throw InputError(path, static_cast<long>(e.source().begin.line), "", "malformed TOML (" +
                         std::string(e.description()) + ")", "TOML 1.0 syntax");
      }
      Reader sub(path);
      for (const auto& [k, v] : cat) {
        if (k.str() != "intervention") sub.fail(v, std::string(k.str()), "an unknown key", "[[intervention]] tables only");
        const auto* a = v.as_array();
        if (!a) sub.fail(v, "intervention", describe(v), "tables [[intervention]]");
        for (const auto& n : *a) {
          Intervention iv = sub.intervention(n, {}, "intervention", nullptr);
          sub.validate(iv, n, default_params(), "intervention");
          templates_.push_back(iv);
        }
      }
    }
  }

  std::string string_of(const toml::node& n, const std::string& field) const {
    auto v = n.value<std::string>();
    if (!v) fail(n, field, describe(n), "a string");
    return *v;
  }

  void intervention_field(const std::string& key, const toml::node& v, Intervention& iv, const std::string& at) const {
    const std::string field = at + "." + key;
    auto num = [&](double lo, double hi) {
      ParamDecl d{"", "", lo, hi, {}, "", false, false, Check::None, nullptr};
      return number(v, field, &d);
    };
    constexpr double kBig = 1e12;
    if (key == "name") iv.name = string_of(v, field);
    else if (key == "kind") iv.kind = string_of(v, field);
    else if (key == "description") iv.description = string_of(v, field);
    else if (key == "source") iv.source = string_of(v, field);
    else if (key == "evidence") {
      iv.evidence = string_of(v, field);
      if (iv.evidence != "strong" && iv.evidence != "moderate" && iv.evidence != "weak" && iv.evidence != "none" &&
          iv.evidence != "harmful")
        fail(v, field, "\"" + iv.evidence + "\"", "strong, moderate, weak, none, harmful");
    } else if (key == "target") {
      const std::string t = string_of(v, field);
      const auto names = target_names();
      auto it = std::find(names.begin(), names.end(), t);
      if (it == names.end()) {
        std::string allowed;
        for (const auto& n : names) allowed += (allowed.empty() ? "" : ", ") + n;
        fail(v, field, "\"" + t + "\"", allowed);
      }
      iv.target = static_cast<Target>(it - names.begin());
    } else if (key == "needs") {
      const auto* a = v.as_array();
      if (!a) fail(v, field, describe(v), "an array of needs flag names");
      iv.needs.clear();
      for (const auto& e : *a) iv.needs.push_back(string_of(e, field));
    } else if (key == "ages") {
      const auto* a = v.as_array();
      if (!a || a->size() != 2) fail(v, field, describe(v), "[min, max] ages in years, max exclusive");
      ParamDecl d{"", "", 10, 25, {}, "", false, false, Check::None, nullptr};
      iv.age_min = number(*a->get(0), field, &d);
      iv.age_max = number(*a->get(1), field, &d);
      if (iv.age_min >= iv.age_max) fail(v, field, "min >= max", "min < max");
    } else if (key == "risk_share") iv.risk_share = num(1e-6, 1);
    else if (key == "screen_accuracy") iv.screen_accuracy = num(0, 1);
    else if (key == "window_months") iv.window_months = num(1, 12);
    else if (key == "places_per_year") iv.places_per_year = num(0, kBig);
    else if (key == "uptake") iv.uptake = num(0, 1);
    else if (key == "duration_months") iv.duration_months = std::floor(num(1, 120));
    else if (key == "priority") {
      const std::string pr = string_of(v, field);
      if (pr != "risk" && pr != "arrival") fail(v, field, "\"" + pr + "\"", "risk, arrival");
      iv.priority = pr == "risk" ? Priority::risk : Priority::arrival;
    } else if (key == "start_month") iv.start_month = std::floor(num(0, 600));
    else if (key == "ramp_up_months") iv.ramp_up_months = num(0, 120);
    else if (key == "cost_per_place_gbp") iv.cost_per_place_gbp = num(0, kBig);
    else if (key == "fixed_cost_per_year_gbp") iv.fixed_cost_per_year_gbp = num(0, kBig);
    else if (key == "price_year") iv.price_year = string_of(v, field);
    else if (key == "effect") {
      const auto* t = v.as_table();
      if (!t) fail(v, field, describe(v), "a table [intervention.effect]");
      for (const auto& [k, e] : *t) effect_field(std::string(k.str()), e, iv, field);
    } else fail(v, field, "an unknown key",
                "name, use, kind, description, source, evidence, target, needs, ages, risk_share, screen_accuracy, "
                "window_months, places_per_year, uptake, duration_months, priority, start_month, ramp_up_months, "
                "cost_per_place_gbp, fixed_cost_per_year_gbp, price_year, effect");
  }

  void effect_field(const std::string& key, const toml::node& v, Intervention& iv, const std::string& at) const {
    const std::string field = at + "." + key;
    auto num = [&](double lo, double hi) {
      ParamDecl d{"", "", lo, hi, {}, "", false, false, Check::None, nullptr};
      return number(v, field, &d);
    };
    if (key == "offending_rr" || key == "rr_low" || key == "rr_high" || key == "breach_rr") {
      const double x = number(v, field, nullptr);
      if (!(x > 0) || x > 100) fail(v, field, fmt(x), "a rate ratio above 0 (and at most 100)");
      (key == "offending_rr" ? iv.offending_rr : key == "rr_low" ? iv.rr_low : key == "rr_high" ? iv.rr_high
                                                                                                    : iv.breach_rr) = x;
      if (key == "rr_low" || key == "rr_high") iv.interval_given = true;
    } else if (key == "interval") {
      const std::string s = string_of(v, field);
      if (s != "assumed" && s != "published") fail(v, field, "\"" + s + "\"", "\"assumed\" or \"published\"");
      iv.interval_assumed = s == "assumed";
    } else if (key == "interval_note") iv.interval_note = string_of(v, field);
    else if (key == "persist_months") iv.persist_months = std::floor(num(0, 120));
    else if (key == "divert_share") iv.divert_share = num(0, 1);
    else if (key == "custody_to_community_share") iv.custody_to_community_share = num(0, 1);
    else if (key == "ryda_to_bail_share") iv.ryda_to_bail_share = num(0, 1);
    else fail(v, field, "an unknown key",
              "offending_rr, rr_low, rr_high, interval, interval_note, persist_months, breach_rr, divert_share, "
              "custody_to_community_share, ryda_to_bail_share");
  }

  // One [[intervention]] table: `use` copies a catalogue entry (or, in a variant, the baseline's one of that
  // name), then the table's keys change it.
  Intervention intervention(const toml::node& node, const std::vector<Intervention>& templates,
                            const std::string& at, const Intervention* existing) const {
    const auto* t = node.as_table();
    if (!t) fail(node, at, describe(node), "a table [[" + at + "]]");
    Intervention iv;
    if (existing) iv = *existing;
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
    for (const auto& [key, value] : *t)
      if (key.str() != "use") intervention_field(std::string(key.str()), value, iv, at);
    return iv;
  }

  void validate(const Intervention& iv, const toml::node& node, const Params& p, const std::string& at) const {
    if (iv.name.empty()) fail(node, at + ".name", "no name", "a non-empty name");
    for (char ch : iv.name)
      if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-' || ch == '.'))
        fail(node, at + ".name", "\"" + iv.name + "\"", "letters, digits, '_', '-', '.'");
    const std::string e = at + ".effect.";
    if (!(iv.rr_low <= iv.offending_rr && iv.offending_rr <= iv.rr_high))
      fail(node, e + "rr_low", "interval [" + fmt(iv.rr_low) + ", " + fmt(iv.rr_high) + "] around " + fmt(iv.offending_rr),
           "rr_low <= offending_rr <= rr_high (the interval must contain the median)");
    if (iv.offending_rr != 1.0 && !iv.interval_given && !iv.interval_assumed)
      fail(node, e + "rr_low", "an effect without an interval",
           "rr_low and rr_high (95% interval); where none is published, also interval = \"assumed\" with an "
           "interval_note saying why");
    if (iv.interval_assumed && iv.interval_note.empty())
      fail(node, e + "interval_note", "an assumed interval without a reason", "interval_note = \"why\"");
    for (const auto& n : iv.needs) {
      bool known = false;
      for (const auto& f : p.needs) known |= f.name == n;
      if (!known) fail(node, at + ".needs", "\"" + n + "\"", "a needs flag of the scenario ([needs.<flag>])");
    }
    auto need_target = [&](double share, Target t, const char* key) {
      if (share > 0 && iv.target != t)
        fail(node, e + key, std::string("target ") + target_name(iv.target),
             std::string("target = \"") + target_name(t) + "\" for this pathway effect");
    };
    need_target(iv.divert_share, Target::diversion, "divert_share");
    need_target(iv.custody_to_community_share, Target::cusp_of_custody, "custody_to_community_share");
    need_target(iv.ryda_to_bail_share, Target::remand, "ryda_to_bail_share");
    if (iv.target == Target::remand && iv.ryda_to_bail_share == 0)
      fail(node, at + ".target", "remand without ryda_to_bail_share", "target remand only with ryda_to_bail_share");
  }

  static bool is_section(const std::string& k) {
    for (const char* s : kSections)
      if (k == s) return true;
    return false;
  }

  std::string file_;
  std::vector<Intervention> templates_;  // the catalogue
};

}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& file) {
  Reader r(file);
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw InputError(file, static_cast<long>(e.source().begin.line), "", "malformed TOML (" +
                     std::string(e.description()) + ")", "TOML 1.0 syntax");
  }
  Scenario s{file, std::string(text), {}, {}};
  Variant base{"baseline", "the scenario as given, without variants", default_params(), {}};
  for (const auto& [key, value] : root) {
    const std::string k(key.str());
    if (k == "run" || Reader::is_section(k)) r.section(value, k, base.params, false);
    else if (k == "needs") r.needs(value, base.params, false);
    else if (k == "variant" || k == "intervention" || k == "catalogue") continue;
    else
      r.fail(value, k, "an unknown section", "run, population, offending, desistance, detection, outcome, court, "
             "orders, costs, needs, catalogue, intervention, variant");
  }
  if (const auto* cat = root.get("catalogue")) r.load_catalogue(*cat, file);
  s.catalogue = r.templates_;
  if (const auto* ivs = root.get("intervention")) {
    const auto* arr = ivs->as_array();
    if (!arr) r.fail(*ivs, "intervention", describe(*ivs), "tables [[intervention]]");
    for (const auto& node : *arr) {
      Intervention iv = r.intervention(node, r.templates_, "intervention", nullptr);
      r.validate(iv, node, base.params, "intervention");
      for (const auto& other : base.interventions)
        if (other.name == iv.name) r.fail(node, "intervention.name", "\"" + iv.name + "\" twice", "unique names");
      base.interventions.push_back(iv);
    }
  }
  if (base.interventions.size() > 32) r.fail(*root.get("intervention"), "intervention", "more than 32", "at most 32");
  s.variants.push_back(base);
  if (const auto* vs = root.get("variant")) {
    const auto* arr = vs->as_array();
    if (!arr) r.fail(*vs, "variant", describe(*vs), "an array of tables [[variant]]");
    std::set<std::string> taken{"baseline"};
    for (const auto& node : *arr) {
      s.variants.push_back(r.variant(node, base, taken));
      taken.insert(s.variants.back().name);
    }
  }
  return s;
}

std::vector<Intervention> load_catalogue(const std::string& path) {
  const auto name = std::filesystem::path(path).filename().string();
  const auto dir = std::filesystem::path(path).parent_path().string();
  const std::string text = "catalogue = \"" + name + "\"\n";
  return parse_scenario(text, (std::filesystem::path(dir) / "catalogue-loader.toml").string()).catalogue;
}

Scenario load_scenario(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "no readable file", "a path to an existing scenario file (.toml)");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path);
}

}  // namespace yjsim::input
