// The live cohort files (docs/tracker.md): strict reading, every error with file, line and column.
#include <doctest/doctest.h>

#include <string>

#include "input/cohort.h"
#include "sim/errors.h"

using yjsim::input::Date;
using yjsim::input::parse_cohort;

namespace {
const std::string kChildren =
    "child_id,sex,age_at_index,index_date,index_disposal,previous_offences\n"
    "A1,M,15,2019-04-10,youth_caution,0\n"
    "A2,F,16,2019-05-02,referral_order,3\n";
const std::string kEvents =
    "child_id,offence_date,offences,outcome,outcome_date\n"
    "A1,2019-06-01,2,conviction,2019-09-01\n"
    "A2,2019-07-01,1,pending,\n";
const Date kAsOf{2019, 12, 31};

// The message of the error the extract raises ("" if none).
std::string error_of(const std::string& children, const std::string& events, Date as_of = kAsOf) {
  try {
    parse_cohort(children, "CHILDREN.csv", events, "EVENTS.csv", as_of);
  } catch (const yjsim::sim::InputError& e) {
    return e.what();
  }
  return "";
}
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("a good extract is read - columns in any order, x_ columns kept out, quotes and CRLF") {
  const auto x = parse_cohort(kChildren, "c", kEvents, "e", kAsOf);
  REQUIRE(x.children.size() == 2);
  REQUIRE(x.events.size() == 2);
  CHECK(x.children[1].girl);
  CHECK(x.children[1].previous_offences == 3);
  CHECK_FALSE(x.events[1].outcome_date.has_value());
  const std::string reordered =
      "x_team,previous_offences,index_disposal,index_date,age_at_index,sex,child_id\r\n"
      "\"North, East\",0,yro,2019-04-10,15,M,\"A1\"\r\n";
  const auto y = parse_cohort(reordered, "c", "child_id,offence_date,offences,outcome,outcome_date\n", "e", kAsOf);
  CHECK(y.children.at(0).id == "A1");
  CHECK(y.children.at(0).disposal == yjsim::input::IndexDisposal::yro);
}

TEST_CASE("bad children rows name the file, line and column") {
  auto bad_child = [](const std::string& row) { return error_of(kChildren + row + "\n", kEvents); };
  CHECK(has(bad_child("A3,M,15,2019-02-30,youth_caution,0"), "CHILDREN.csv:4: 'index_date (column 4)'"));
  CHECK(has(bad_child("A3,M,18,2019-02-03,youth_caution,0"), "'age_at_index (column 3)'"));
  CHECK(has(bad_child("A3,M,9,2019-02-03,youth_caution,0"), "allowed: a whole number 10 to 17"));
  CHECK(has(bad_child("A3,X,15,2019-02-03,youth_caution,0"), "'sex (column 2)'"));
  CHECK(has(bad_child("A3,M,15,2019-02-03,warning,0"), "'index_disposal (column 5)': found 'warning'"));
  CHECK(has(bad_child("A3,M,15,2019-02-03,yro,-1"), "'previous_offences (column 6)'"));
  CHECK(has(bad_child("A1,M,15,2019-05-20,yro,0"), "CHILDREN.csv:4: 'child_id (column 1)': found 'A1' in the 2019-Q2 cohort again"));
  CHECK(has(bad_child("A3,M,15,2020-01-01,yro,0"), "after --as-of"));
  CHECK(has(bad_child("A3,M,15,2019-02-03,yro"), "CHILDREN.csv:4: found 5 fields"));
  CHECK(has(bad_child(std::string(65, 'z') + ",M,15,2019-02-03,yro,0"), "1 to 64 characters"));
  // A child in a second quarter is a second cohort entry, not a duplicate.
  CHECK(bad_child("A1,M,15,2019-08-20,yro,0").empty());
}

TEST_CASE("bad events rows name the file, line and column") {
  auto bad_event = [](const std::string& row) { return error_of(kChildren, kEvents + row + "\n"); };
  CHECK(has(bad_event("ZZ,2019-06-01,1,pending,"), "EVENTS.csv:4: 'child_id (column 1)': found 'ZZ', not in the children file"));
  CHECK(has(bad_event("A1,2019-04-01,1,pending,"), "'offence_date (column 2)': found 2019-04-01, before the child's first index date"));
  CHECK(has(bad_event("A1,2020-01-01,1,pending,"), "after --as-of"));
  CHECK(has(bad_event("A1,2019-06-01,0,pending,"), "'offences (column 3)'"));
  CHECK(has(bad_event("A1,2019-06-01,1,warned,"), "'outcome (column 4)': found 'warned'"));
  CHECK(has(bad_event("A1,2019-06-01,1,pending,2019-07-01"), "'outcome_date (column 5)'"));
  CHECK(has(bad_event("A1,2019-06-01,1,conviction,"), "'outcome_date (column 5)': found nothing"));
  CHECK(has(bad_event("A1,2019-06-01,1,conviction,2020-02-01"), "after --as-of"));
  CHECK(has(bad_event("A1,2019-06-01,1,nfa,2019-05-01"), "before the offence date"));
}

TEST_CASE("personal-data and unknown columns are refused - required columns must be there") {
  for (const char* col : {"name", "first_name", "surname", "address", "postcode", "dob", "date_of_birth", "pnc", "nhs_number"}) {
    const std::string c = "child_id,sex,age_at_index,index_date,index_disposal,previous_offences," + std::string(col) + "\n";
    CHECK(has(error_of(c, kEvents), "CHILDREN.csv:1: 'column 7': found '" + std::string(col) + "', a column of personal data"));
  }
  CHECK(has(error_of(kChildren, "child_id,offence_date,offences,outcome,outcome_date,dob\n"), "EVENTS.csv:1: 'column 6'"));
  CHECK(has(error_of("child_id,sex,age_at_index,index_date,index_disposal,previous_offences,team\n", kEvents),
            "unknown column 'team'"));
  CHECK(has(error_of("child_id,sex,age_at_index,index_date,index_disposal\n", kEvents), "no column 'previous_offences'"));
  CHECK(has(error_of("", kEvents), "CHILDREN.csv:1: found an empty file"));
}
