#pragma once
// The live cohort files of `yjsim track` (docs/tracker.md): CHILDREN.csv (one row per quarterly cohort entry) and
// EVENTS.csv (one row per proven or pending offence group after an index event), read strictly. Every problem is a
// sim::InputError naming the file, line and column, what was found and what is allowed; personal-data columns are
// refused so that they never reach a result file.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace yjsim::input {

// A calendar date; `month_index()` counts months from year 0 so that month differences are plain subtraction.
struct Date {
  int year = 0, month = 0, day = 0;
  static std::optional<Date> parse(const std::string& text);  // strictly YYYY-MM-DD, a real day
  std::string iso() const;
  long month_index() const { return static_cast<long>(year) * 12 + (month - 1); }
  auto operator<=>(const Date&) const = default;
};
std::string month_iso(long month_index);  // "YYYY-MM"

enum class IndexDisposal : std::uint8_t {
  youth_caution, youth_conditional_caution, discharge, fine, referral_order, yro, custody_release, other_community
};
enum class EventOutcome : std::uint8_t {
  pending, youth_caution, youth_conditional_caution, adult_caution, conviction, nfa, acquitted
};
const char* name_of(IndexDisposal d);
const char* name_of(EventOutcome o);
// A caution or conviction: the offences are proven (MODEL.md §6.2 counts these only).
bool proves(EventOutcome o);

struct CohortChild {
  std::string id;
  bool girl = false;
  int age_at_index = 0;
  Date index_date;
  IndexDisposal disposal = IndexDisposal::youth_caution;
  long previous_offences = 0;
  long line = 0;  // in CHILDREN.csv
};

struct CohortEvent {
  std::string child_id;
  Date offence_date;
  long offences = 1;
  EventOutcome outcome = EventOutcome::pending;
  std::optional<Date> outcome_date;  // empty exactly when pending
  long line = 0;  // in EVENTS.csv
};

struct CohortExtract {
  std::vector<CohortChild> children;  // in file order
  std::vector<CohortEvent> events;    // in file order
  Date as_of;
};

// Reads and checks both files against each other and `as_of`; throws sim::InputError (exit 2).
CohortExtract read_cohort(const std::string& children_path, const std::string& events_path, const Date& as_of);
// The same from text (names are used in messages).
CohortExtract parse_cohort(const std::string& children_text, const std::string& children_name,
                           const std::string& events_text, const std::string& events_name, const Date& as_of);
// The two files' text for an extract (the synthetic example and the back-test use it): the columns of
// docs/tracker.md in their documented order.
std::string children_csv(const CohortExtract& x);
std::string events_csv(const CohortExtract& x);

}  // namespace yjsim::input
