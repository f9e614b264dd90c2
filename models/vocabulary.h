#pragma once
// The model's named constants (MODEL.md §1-§6): ages, windows, history classes and sentence kinds. Declared
// once here so that no phase writes 216 or 18 or "3 means DTO" of its own.
#include <cstdint>

namespace yjsim::models {

// Ages in months (MODEL.md §1, §5, §8).
constexpr long kEntryAgeMonths = 120;       // everyone enters the model at 10
constexpr long kTransitionAgeMonths = 210;  // 17.5: the `transition` intervention target
constexpr long kAdultAgeMonths = 216;       // 18: adult outcomes, transitions to probation
constexpr long kExitAgeMonths = 300;        // 25: leaves the model
constexpr long kAgeBandSplitMonths = 180;   // 15: the published age bands 10-14 and 15-17

// Proven reoffending (MODEL.md §6.2): offences in index month +1..+12, proven by +18.
constexpr long kReoffenceWindowMonths = 12;
constexpr long kProofDeadlineMonths = 18;  // 12 months plus the 6-month waiting period
// The MoJ publishes a quarter's cohort in its quarterly "Proven reoffending statistics" about 22 months after the
// cohort's last month (e.g. the January-March 2019 cohort on 28 January 2021, April-June 2019 on 29 April 2021):
// 18 months of follow-up and waiting, then about 4 months to extract, match and publish. docs/kpis.md.
constexpr long kPublicationLagMonths = 22;
constexpr long kFollowUpMonths = kProofDeadlineMonths;  // simulated after the horizon so every cohort completes
constexpr long kPostEventMonths = 12;      // post(t) applies for 1 <= t - s <= 12 (MODEL.md §2)

// Police-station and court history classes (MODEL.md §3).
enum class History : std::uint8_t { None = 0, Cautioned = 1, Convicted = 2 };

// Sentences in the order of the court.sentence_* tables (MODEL.md §4).
enum class Sentence : std::uint8_t { discharge_fine = 0, referral_order, yro, dto, long_detention };
constexpr bool custodial(Sentence s) { return s == Sentence::dto || s == Sentence::long_detention; }
constexpr bool court_order(Sentence s) { return s == Sentence::referral_order || s == Sentence::yro; }

// Formal outcomes: on the PNC, count for FTE and prove the case's offences (MODEL.md §3).
enum class Formal : std::uint8_t { YC = 0, YCC = 1, Conviction = 2, AdultCaution = 3 };

}  // namespace yjsim::models
