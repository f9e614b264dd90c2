#pragma once
// Step 4 of the month (MODEL.md §8): who asks for a place on an intervention, the allocation of the month's
// places, enrolment, and the pathway decisions that need a place (diversion, remand to bail, custody to
// community). The timetable (month.cpp) calls these; the state they change is in intervention_state.h.
#include <cstdint>

#include "models/intervention_state.h"
#include "models/person_state.h"

namespace yjsim::models {

struct Context;
struct PersonMonth;

// Enrolment-type eligibility of a person stepped this month (custody, released, transition, caseload,
// court_order, cusp_of_custody, diversion): candidates into the person's block.
void collect_candidates(const Context& c, PersonMonth& pm);
// A run without interventions watched for variants (intervention_state.h AskWatch): notes the first month this
// person (stepped this month, after steps 1-3) would ask for an enrolment place in each variant watched.
void watch_enrolment_asks(const Context& c, PersonMonth& pm);
// at_risk: children with no formal outcome flagged by the screen, scanned over [begin, end).
void scan_at_risk(const Context& c, People& people, Block& block, std::size_t begin, std::size_t end, long t);
// The month's enrolment places, over every block's candidates in block order; the chosen are enrolled.
void allocate_enrolments(const Context& c, ReplicateState& st, InterventionRun& run, long t, std::size_t block_size);
// Places on pathway interventions for the people waiting at a decision; the rest go on without one.
void allocate_pathway(ReplicateState& st, InterventionRun& run, std::size_t block_size);

// At a pathway decision point (diversion, remand or cusp_of_custody): does a place change the decision?
PathwayAnswer pathway_place(const Context& c, PersonMonth& pm, Record& r, Target point);
void enrol(const Context& c, PersonMonth& pm, Record& r, std::uint8_t k);

}  // namespace yjsim::models
