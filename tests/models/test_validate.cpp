// validate(): the one check of a description, whoever made it. Descriptions here are built in code, not read
// from a file, as the desktop app and sweeps build them.
#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "fixture.h"

using namespace yjsim::models;

namespace {
Scenario base() { return yjsim::test::scenario("[[variant]]\nname = \"v\"\n"); }

Intervention mentoring() {
  Intervention iv;
  iv.name = "mentoring";
  iv.target = Target::custody;
  iv.offending_rr = 0.8;
  iv.rr_low = 0.6;
  iv.rr_high = 0.95;
  iv.interval_given = true;
  return iv;
}

Invalid invalid(const Scenario& s) {
  try {
    validate(s);
  } catch (const Invalid& e) {
    return e;
  }
  FAIL("expected validate() to refuse the scenario");
  return Invalid(0, "", "", "", "");
}
}  // namespace

TEST_CASE("validate accepts the defaults and a valid intervention") {
  auto s = base();
  CHECK_NOTHROW(validate(s));
  s.variants[1].interventions.push_back(mentoring());
  CHECK_NOTHROW(validate(s));
}

TEST_CASE("validate names the variant, the field and the rule broken") {
  SUBCASE("a parameter element out of range, in a variant") {
    auto s = base();
    s.variants[1].params.court.ryda[2] = 1.5;
    const auto e = invalid(s);
    CHECK(e.variant == 1);
    CHECK(e.field == "court.ryda[2]");
    CHECK(e.allowed == "0 .. 1");
  }
  SUBCASE("a probability row that no longer sums to 1") {
    auto s = base();
    s.variants[0].params.outcome.none[0] = 0.9;
    const auto e = invalid(s);
    CHECK(e.field == "outcome.none");
    CHECK(e.found.find("summing to") != std::string::npos);
  }
  SUBCASE("a variant changes what is drawn at entry") {
    auto s = base();
    s.variants[1].params.offending.propensity_sigma = 2.0;
    CHECK(invalid(s).field == "offending.propensity_sigma");
  }
  SUBCASE("a past detection ratio that makes detection more likely than certain") {
    auto s = base();
    s.variants[0].params.detection.probability = 0.4;
    s.variants[0].params.detection.past_rr[3] = 3;  // 1.2: within its own range (0 .. 10), not as a probability
    const auto e = invalid(s);
    CHECK(e.field == "detection.past_rr[3]");
    CHECK(e.allowed.find("at most 1 / detection.probability = 2.5") == 0);
  }
  SUBCASE("a whole number that is not") {
    auto s = base();
    s.variants[0].params.run.months = 4.5;
    CHECK(invalid(s).allowed == "a whole number");
  }
  SUBCASE("a needs flag without a source") {
    auto s = base();
    for (auto& v : s.variants) v.params.needs.push_back(NeedFlag{"gangs", 0.02, 2.0, ""});
    CHECK(invalid(s).field == "needs.gangs.source");
  }
  SUBCASE("intervention fields from the field table") {
    auto s = base();
    auto iv = mentoring();
    iv.uptake = 1.2;
    s.variants[1].interventions.push_back(iv);
    const auto e = invalid(s);
    CHECK(e.intervention == "mentoring");
    CHECK(e.field == "uptake");
    iv.uptake = 1;
    iv.duration_months = 2.5;
    s.variants[1].interventions.back() = iv;
    CHECK(invalid(s).field == "duration_months");
    iv.duration_months = 6;
    iv.places_per_year = std::numeric_limits<double>::infinity();  // unlimited is allowed
    s.variants[1].interventions.back() = iv;
    CHECK_NOTHROW(validate(s));
  }
  SUBCASE("an effect outside its interval, and one without") {
    auto s = base();
    auto iv = mentoring();
    iv.rr_low = 0.85;
    s.variants[0].interventions.push_back(iv);
    CHECK(invalid(s).field == "effect.rr_low");
    iv = mentoring();
    iv.interval_given = false;
    iv.rr_low = iv.rr_high = 1;
    s.variants[0].interventions.back() = iv;
    CHECK(invalid(s).found == "interval [1, 1] around 0.8");
  }
  SUBCASE("names: duplicates, '.', and interventions twice") {
    auto s = base();
    s.variants[1].name = ".";
    CHECK(invalid(s).field == "variant.name");
    s.variants[1].name = "baseline";
    CHECK(invalid(s).found == "\"baseline\" again");
    s.variants[1].name = "v";
    s.variants[1].interventions = {mentoring(), mentoring()};
    CHECK(invalid(s).found == "\"mentoring\" twice");
  }
}

TEST_CASE("every intervention field the reader accepts is in the field table, and the writer writes it back") {
  const auto s = yjsim::test::scenario(R"(
[[intervention]]
name = "x"
target = "released"
window_months = 4
ages = [12, 18]
evidence = "weak"
[intervention.effect]
offending_rr = 0.9
rr_low = 0.8
rr_high = 1.0
persist_months = 2
)");
  const auto& iv = s.variants[0].interventions[0];
  CHECK(iv.window_months == 4);
  CHECK(iv.age_min == 12);
  CHECK(iv.persist_months == 2);
  CHECK(find_intervention_field("effect.persist_months")->sweepable);
  CHECK(find_intervention_field("name")->kind == FieldKind::text);
  CHECK(find_intervention_field("colour") == nullptr);
}
