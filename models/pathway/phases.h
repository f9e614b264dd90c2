#pragma once
// The phases of MODEL.md §1b, one file each in this folder; month.cpp calls them in the timetable's order.
#include <vector>

#include "models/context.h"
#include "models/pathway/places.h"

namespace yjsim::models {

void enter(const Context& c, People& people, std::size_t id);                      // ageing.cpp: new 10-year-olds
void enter_run(const Context& c, People& people, std::size_t first, std::size_t last);  // enter, ids [first, last)
void age_and_transition(const Context& c, PersonMonth& pm);                         // 1 ageing.cpp
void remand_bail(const Context& c, PersonMonth& pm);                                // 2 remand.cpp
void release_from_custody(const Context& c, PersonMonth& pm);                       // 3 release.cpp
//                                                                                     4 places.cpp
Detected offend_and_detect(const Context& c, PersonMonth& pm);                      // 5 offending.cpp
// Steps 6 and 8 return false when the person's month stops to wait for a place (block.suspended).
bool police_outcome(const Context& c, PersonMonth& pm, const Detected& d);          // 6 police_station.cpp
void breach(const Context& c, PersonMonth& pm);                                     // 7 breach.cpp
bool court(const Context& c, PersonMonth& pm);                                      // 8 court.cpp
void month_end(const Context& c, PersonMonth& pm);                                  // 9 month_end.cpp

// Shared by the phases (outcomes.cpp): a YC, YCC, adult caution or conviction proving `offences`. `desist`:
// whether the partial desistance after a formal outcome applies (not at the later occasion of a split case,
// whose matters were already sanctioned once).
void formal_outcome(const Context& c, PersonMonth& pm, Record& r, Formal kind,
                    const std::vector<OffenceGroup>& offences, bool desist = true);
void index_event(const Context& c, PersonMonth& pm, Record& r, IndexDisposal disposal);
// Returns false when the remand decision waits for a place (nothing has changed yet).
bool open_case(const Context& c, PersonMonth& pm, Record& r, std::vector<OffenceGroup>& offences, bool may_remand,
               const Detected& d);

// Breakdown cells (models/kpis.h): age band (0 children cautioned or sentenced, 1 custodial sentences) by the
// child's age now; the type of a disposal.
int age_band_cell(std::size_t kpi, const PersonMonth& pm);
int disposal_cell(int category);

// Offending rate and the search for a quiet person's next offence (offending.cpp).
double offending_rate(const Context& c, const People& people, std::size_t id, long t, const Record* r);
void schedule_next(const Context& c, People& people, std::size_t id, long from);
void advance_clock(const Context& c, People& people, std::size_t id, long t);  // clock to the start of month t
bool busy(const Record& r, long t);  // needs stepping in month t (post-event window, orders, cases, custody)

}  // namespace yjsim::models
