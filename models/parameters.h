#pragma once
// The model's parameters (MODEL.md), as a plain immutable object once validated. Every numeric parameter is
// declared once in parameters.cpp (name as in MODEL.md, unit, allowed range, default, source); defaults,
// validation, error messages and docs/parameters.md all come from that one table.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "models/vocabulary.h"
#include "sim/calendar.h"

namespace yjsim::models {

struct NeedFlag {
  std::string name;
  double prevalence;  // share of children with the flag at entry
  double multiplier;  // on the offending rate
  std::string source;
};

struct Params {
  struct Run {
    double months;          // reported horizon, months
    sim::YearMonth start;   // first month of the horizon
    double replicates;      // number of replicates
    std::uint64_t seed;     // random seed
    double burn_in_months;  // months simulated before the horizon, not reported
  } run;
  struct Population {
    double size_10_17;                   // children aged 10-17 at month 0
    std::array<double, 8> age_shares;    // relative sizes of single years 10..17
    double annual_growth;                // growth of the yearly intake, fraction per year
    double male_share;                   // share of boys
  } population;
  struct Offending {
    double propensity_sigma;             // sd of log propensity
    double persistent_share;             // share of children in the persistent group (0: one group, version 1)
    double persistent_rr;                // the persistent group's rate ratio (before the mean is brought to 1)
    double base_rate;                    // offences per month at age 17, z = 1
    std::array<double, 15> age_rr;       // rate ratio by age 10..24 (24 also used for older)
    double girl_rr;                      // rate ratio for girls
    double on_order_rr;                  // rate ratio under YOS supervision
    double post_event_rr;                // extra rate just after a sanction or release
    double post_event_months;            // decay of that extra rate, months
    double custody_rr;                   // permanent ratio at first release from sentenced custody
  } offending;
  struct Desistance {
    double per_outcome;                  // probability of partial desistance after a formal outcome
    double factor;                       // propensity multiplier when it happens
    double from_age;                     // age (years) from which careers can end
    double monthly_hazard;               // base monthly probability of career end
    double hazard_z_power;               // c = min(z^-power, 20) scales the hazard
    double persistent_hazard_rr;         // the persistent group's ratio on that hazard
  } desistance;
  struct Detection {
    double probability;                  // per offence
    double serious_share;                // share of detected offences that are serious
    double extra_offences_mean;          // extra proven offences per detected incident
    std::array<double, 8> past_rr;       // ratio on probability in years 1..8 before the run's start (burn-in)
  } detection;
  struct Outcome {
    std::array<double, 5> none;          // NFA, CR, YC, YCC, charge: no previous formal outcome
    std::array<double, 5> cautioned;     // previous YC/YCC only
    std::array<double, 5> convicted;     // a previous conviction
    std::array<double, 4> adult;         // NFA, CR, caution, charge at 18+
    double on_order_charge;              // probability of charge when on an order or licence
    double ycc_months;                   // supervision length of a YCC, months
  } outcome;
  struct Court {
    double join_pending;                 // probability a new case joins the latest pending one
    double mean_delay_months;            // mean charge-to-sentence delay (geometric, >= 1)
    std::array<double, 3> ryda;          // remand probability at charge by history
    double remand_bail_monthly;          // monthly probability a remand ends in bail
    double acquittal;                    // acquittal probability
    double acquittal_remanded;           // acquittal probability if remanded at charge
    std::array<double, 5> sentence_first;     // discharge/fine, RO, YRO, DTO, long: history none/cautioned
    std::array<double, 5> sentence_repeat;    // same: history convicted, on bail
    std::array<double, 5> sentence_remanded;  // same: remanded at charge
    std::array<double, 2> ro_months;     // uniform range of referral order lengths
    std::array<double, 2> yro_months;    // uniform range of YRO lengths
    std::array<double, 7> dto_terms;     // DTO terms, months
    std::array<double, 7> dto_weights;   // their weights
    double long_extra_months_mean;       // long detention custody = 1 + geometric with this mean
    std::array<double, 8> custody_age_rr;  // ratio on the custodial shares of a sentence by age 10..17
    double custody_conviction_rr;        // ratio on the custodial shares per previous conviction (up to 10)
    double remand_credit;                // share of the months on remand for the case taken off custody served
    double split_share;                  // probability a charged case's offences are sentenced on two occasions
    double split_delay_months;           // mean months from the first occasion to the later one (geometric, >= 0)
    std::array<double, 5> sentence_split;  // discharge/fine, RO, YRO, DTO, long: the later occasion
  } court;
  struct Orders {
    double yro_breach_monthly;
    double licence_breach_monthly;
  } orders;
  struct Costs {
    double custody_place_year_gbp;       // a sentenced custody place per year
    double remand_night_gbp;             // a remand night
    double court_case_gbp;               // a sentencing occasion
  } costs;
  std::vector<NeedFlag> needs;
};

enum class Check { None, Probabilities, Positive, Increasing };

struct ParamDecl {
  const char* name;     // "section.key" as in MODEL.md
  const char* unit;
  double min, max;      // allowed range of each element
  std::vector<double> default_value;
  const char* source;   // where the default comes from
  bool integer;         // whole numbers only
  bool fixed_at_entry;  // drawn when a child enters: a variant cannot change it (shared burn-in)
  Check check;
  std::span<double> (*ref)(Params&);
};

const std::vector<ParamDecl>& parameter_table();
const std::vector<NeedFlag>& default_needs();
Params default_params();
std::string parameter_table_markdown();  // docs/parameters.md
std::string parameter_table_toml();      // every default as a commented scenario file

// One element of a parameter, or a range of elements set to one value, by name: "offending.base_rate",
// "offending.age_rr[3]", "court.custody_age_rr[0:5]" (the names calibration and fits use).
struct ParamElement {
  const ParamDecl* decl;
  std::size_t first, last;  // elements [first, last]
};
// Throws std::invalid_argument whose what() says what is allowed.
ParamElement param_element(const std::string& name);
// Sets the elements; an element of a probability row is set and the row's other entries scaled in proportion,
// so that the row still sums to 1.
void set_element(Params& p, const ParamElement& e, double value);
double get_element(const Params& p, const ParamElement& e);

}  // namespace yjsim::models
