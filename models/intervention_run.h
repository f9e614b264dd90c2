#pragma once
// Interventions during a run (MODEL.md §8, step 4 of the month): eligibility, the monthly allocation of places,
// enrolment, and the pathway decisions that need a place (diversion, remand to bail, custody to community).
#include <cstdint>
#include <vector>

#include "models/interventions.h"
#include "models/person_state.h"

namespace yjsim::models {

struct Context;
struct PersonMonth;

// One replicate of one variant: the drawn effects and the place counters.
struct InterventionRun {
  const std::vector<Intervention>* list = nullptr;
  std::vector<double> rr;              // offending_rr drawn for this replicate
  std::vector<std::uint8_t> needs_mask;
  std::vector<double> risk_threshold;  // at_risk: propensity of the top risk_share of children at month 0
  std::vector<double> carry;           // fraction of a place carried to next month
  std::vector<double> left;            // places left this month
  bool any = false, any_at_risk = false;
  std::size_t size() const { return list ? list->size() : 0; }
};

// Set up for a replicate: effects drawn once, keyed by name (paired variants share them).
InterventionRun make_intervention_run(const std::vector<Intervention>& list, const Params& p, std::uint64_t replicate);
// The children's propensity at month 0 sets each at_risk screen's threshold.
void set_risk_thresholds(InterventionRun& run, const People& people, const std::vector<std::int16_t>& birth,
                         std::size_t entered);
void open_month(InterventionRun& run, long t);  // this month's places

// Enrolment-type eligibility of a person stepped this month (custody, released, transition, caseload,
// court_order, cusp_of_custody, diversion): candidates into the person's block.
void collect_candidates(const Context& c, PersonMonth& pm);
// at_risk: children with no formal outcome flagged by the screen, scanned over [begin, end).
void scan_at_risk(const Context& c, People& people, Block& block, std::size_t begin, std::size_t end, long t);

enum class Ask { no, yes, wait };
struct PathwayAnswer {
  Ask ask = Ask::no;
  std::uint8_t intervention = 0;
  double priority = 0;
  std::uint64_t draw = 0;
};
// At a pathway decision point (diversion, remand or cusp_of_custody): does a place change the decision?
PathwayAnswer pathway_place(const Context& c, PersonMonth& pm, Record& r, Target point);
void enrol(const Context& c, PersonMonth& pm, Record& r, std::uint8_t k);

}  // namespace yjsim::models
