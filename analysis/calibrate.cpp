#include "analysis/calibrate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <limits>
#include <nlopt.hpp>
#include <numeric>
#include <sstream>

#include "analysis/uncertainty.h"
#include "models/kpis.h"
#include "models/simulation.h"
#include "models/streams.h"
#include "sim/design.h"
#include "sim/distributions.h"
#include "sim/errors.h"
#include "sim/parallel.h"
#include "sim/random.h"
#include "sim/summary.h"

namespace yjsim::analysis {

using namespace models;
using input::FitRange;
using input::Target;

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();
constexpr long kReachSearchRuns = 30;  // at most, per missed target none of the sampler's candidates met
// Moves of each particle in the refinement on more replicates (refine): it starts from the posterior, so
// a short chain restores the particles' variety after the resampling.
constexpr long kRefineMoves = 2;

// A KPI over quarters [p0, p1] by its yearly rule (models/kpis.h Yearly): counts add, month-end means are
// averaged by months, ratios are the ratio of their parts.
double kpi_over(const KpiValues& v, int k, long p0, long p1, const std::vector<long>& months) {
  const KpiDef& d = kpi_table()[static_cast<std::size_t>(k)];
  if (d.yearly == Yearly::Ratio) {
    const double num = kpi_over(v, d.numerator, p0, p1, months), den = kpi_over(v, d.denominator, p0, p1, months);
    return den > 0 ? num / den * d.scale : std::numeric_limits<double>::quiet_NaN();
  }
  double sum = 0, weight = 0;
  for (long p = p0; p <= p1; ++p) {
    const double x = v.period[static_cast<std::size_t>(k)][static_cast<std::size_t>(p)];
    const double w = d.yearly == Yearly::MeanOfMonths ? static_cast<double>(months[static_cast<std::size_t>(p)]) : 1.0;
    sum += x * w;
    weight += w;
  }
  return d.yearly == Yearly::MeanOfMonths ? sum / weight : sum;
}

int cell_of(const Target& g) {
  const BreakdownDef& b = breakdown(g.breakdown);
  std::size_t kpi = 0, cat = 0;
  while (b.kpis[kpi] != g.kpi) ++kpi;
  while (b.categories[cat] != g.category) ++cat;
  return b.cell(kpi, cat);
}

// A candidate's fit: per target the mean and variance over the replicates (common random numbers).
struct Moments {
  std::vector<double> mean, var;
};

// The standard deviation of the published figure's sampling error (docs/calibration.md "Uncertainty").
double sampling_sd(const Target& g, double model_sd, std::string* from) {
  const KpiDef& d = kpi_table()[static_cast<std::size_t>(kpi_index(g.kpi))];
  double derived = std::numeric_limits<double>::infinity();
  std::string why = "model replicates";
  if (g.cohort_size && g.breakdown.empty()) {
    const double n = *g.cohort_size, y = g.value;
    if (std::string(d.unit) == "proportion") derived = std::sqrt(std::max(y * (1 - y), 1e-6) / n), why = "cohort_size (binomial)";
    else if (d.yearly == Yearly::Ratio) derived = std::sqrt(std::max(y * d.scale, 1e-6) / n), why = "cohort_size (Poisson)";
  }
  if (!std::isfinite(derived) && d.yearly == Yearly::Sum) derived = std::sqrt(std::max(g.value, 1.0)), why = "Poisson count";
  if (g.sd && *g.sd < derived) derived = *g.sd, why = "sd";
  if (!std::isfinite(derived)) derived = model_sd;
  if (from) *from = why;
  return derived;
}

struct Problem {
  const input::TargetsFile& t;
  const CalibrateOptions& o;
  std::vector<FitRange> fit;
  std::vector<ParamElement> elements;
  std::vector<std::size_t> fitted;  // indices of targets in the likelihood
  Scenario base;                    // baseline only, R replicates

  // Replicates per candidate: --replicates, or more in the refinement (refine below).
  long replicates() const { return static_cast<long>(base.baseline().run.replicates); }

  Moments moments(const std::vector<double>& x) const {
    Scenario s = base;
    for (std::size_t i = 0; i < x.size(); ++i) set_element(s.variants[0].params, elements[i], x[i]);
    validate(s);
    RunOptions ro;
    ro.threads = 1;  // candidates run side by side
    ro.cancel = o.cancel;
    const Results r = run_scenario(s, ro);
    Moments m;
    for (const auto& g : t.targets) {
      std::vector<double> v;
      for (std::size_t rep = 0; rep < static_cast<std::size_t>(r.replicates); ++rep) v.push_back(target_value(r, rep, g));
      // Not sim::summarise: a replicate with an undefined value makes the candidate's fit undefined (-inf).
      const double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
      double ss = 0;
      for (double y : v) ss += (y - mean) * (y - mean);
      m.mean.push_back(mean);
      m.var.push_back(v.size() > 1 ? ss / static_cast<double>(v.size() - 1) : 0.0);
    }
    return m;
  }

  // Log-likelihood of the fitted targets; -inf for a candidate the model refuses or cannot score. `means`:
  // the candidate's mean of every target (empty for a candidate the model refuses).
  double loglik(const std::vector<double>& x, std::vector<double>* means) const {
    Moments m;
    try {
      m = moments(x);
    } catch (const Invalid&) {
      if (means) means->clear();
      return kNegInf;
    }
    if (means) *means = m.mean;
    const double reps = static_cast<double>(base.baseline().run.replicates);
    double l = 0;
    for (const std::size_t i : fitted) {
      if (!std::isfinite(m.mean[i])) return kNegInf;
      const double model_sd = std::sqrt(m.var[i]);
      const double s = sampling_sd(t.targets[i], model_sd, nullptr);
      const double var = s * s + m.var[i] / reps;
      if (!(var > 0)) return m.mean[i] == t.targets[i].value ? l : kNegInf;
      l += -0.5 * (m.mean[i] - t.targets[i].value) * (m.mean[i] - t.targets[i].value) / var - 0.5 * std::log(var);
    }
    return l;
  }
};

// Sampler state after a stage: what a checkpoint holds.
struct State {
  int stage = 0;
  double beta = 0;
  long evaluations = 0;
  double acceptance = 0.5;
  std::vector<std::vector<double>> x;
  std::vector<double> l;
  std::vector<std::vector<double>> m;  // each particle's mean of every target
  std::vector<Nearest> nearest;        // per target: the candidate run nearest its criterion
  // The refinement (refine below): the replicates its candidates ran (0: not refined) and its runs.
  long refined_replicates = 0;
  long refined_runs = 0;
  // Per target: the mean and sd of the design's candidates' means (the prior ranges' own figure).
  std::vector<double> prior_mean, prior_sd;
};

// The prior ranges' own figure for every target: the mean and sd over the design's candidates (a Latin
// hypercube of the prior), against which the posterior's pull is judged.
void note_prior(State& s) {
  std::size_t targets = 0;
  for (const auto& m : s.m) targets = std::max(targets, m.size());
  s.prior_mean.assign(targets, std::numeric_limits<double>::quiet_NaN());
  s.prior_sd = s.prior_mean;
  for (std::size_t k = 0; k < targets; ++k) {
    std::vector<double> v;
    for (std::size_t i = 0; i < s.m.size(); ++i)
      if (std::isfinite(s.l[i]) && s.m[i].size() > k && std::isfinite(s.m[i][k])) v.push_back(s.m[i][k]);
    if (v.size() < 2) continue;
    const auto sm = sim::summarise(v);
    s.prior_mean[k] = sm.mean;
    s.prior_sd[k] = sm.sd;
  }
}

// Every candidate run counts as evidence of what the model can reach, taken in index order (deterministic).
void note_candidate(const Problem& p, State& s, const std::vector<double>& x, double l,
                    const std::vector<double>& means) {
  if (!std::isfinite(l) || means.size() != p.t.targets.size()) return;
  s.nearest.resize(p.t.targets.size());
  for (std::size_t i = 0; i < means.size(); ++i) {
    const double ratio = criterion_ratio(p.t.targets[i], means[i]);
    if (!std::isfinite(ratio)) continue;
    Nearest& b = s.nearest[i];
    const bool meets = ratio <= 1;
    const double score = meets ? l : -ratio;
    if ((meets && !b.meets) || (meets == b.meets && score > b.score)) b = {meets, score, x, means, p.replicates()};
  }
}

std::string hex(double v) {
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", v);
  return buf;
}

std::string encode(const State& s, const std::string& key) {
  std::ostringstream out;
  out << "yjsim-calibrate-checkpoint 3\nkey " << key << "\nstage " << s.stage << "\nbeta " << hex(s.beta)
      << "\nevaluations " << s.evaluations << "\nrefined " << s.refined_replicates << ' ' << s.refined_runs
      << "\nacceptance " << hex(s.acceptance) << "\nparticles "
      << s.x.size() << ' ' << (s.x.empty() ? 0 : s.x[0].size()) << '\n';
  const auto list = [&](const std::vector<double>& v) {
    out << v.size();
    for (double y : v) out << ' ' << hex(y);
  };
  for (std::size_t i = 0; i < s.x.size(); ++i) {
    for (double v : s.x[i]) out << hex(v) << ' ';
    out << hex(s.l[i]) << ' ';
    list(s.m[i]);
    out << '\n';
  }
  out << "prior ";
  list(s.prior_mean);
  out << ' ';
  list(s.prior_sd);
  out << "\nnearest " << s.nearest.size() << '\n';
  for (const auto& b : s.nearest) {
    out << (b.meets ? 1 : 0) << ' ' << hex(b.score) << ' ' << b.replicates << ' ';
    list(b.x);
    out << ' ';
    list(b.means);
    out << '\n';
  }
  return out.str();
}

bool decode(const std::string& text, const std::string& key, State& s) {
  std::istringstream in(text);
  std::string word, k, b, a;
  int version = 0;
  std::size_t n = 0, d = 0;
  if (!(in >> word >> version) || word != "yjsim-calibrate-checkpoint" || version != 3) return false;
  if (!(in >> word >> k) || k != key) return false;
  if (!(in >> word >> s.stage >> word >> b >> word >> s.evaluations >> word >> s.refined_replicates >>
        s.refined_runs >> word >> a >> word >> n >> d))
    return false;
  s.beta = std::strtod(b.c_str(), nullptr);
  s.acceptance = std::strtod(a.c_str(), nullptr);
  const auto number = [&](double& v) {
    if (!(in >> word)) return false;
    v = std::strtod(word.c_str(), nullptr);
    return true;
  };
  const auto list = [&](std::vector<double>& v) {
    std::size_t size = 0;
    if (!(in >> size) || size > 100000) return false;
    v.assign(size, 0);
    for (auto& y : v)
      if (!number(y)) return false;
    return true;
  };
  s.x.assign(n, std::vector<double>(d));
  s.l.assign(n, 0);
  s.m.assign(n, {});
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < d; ++j)
      if (!number(s.x[i][j])) return false;
    if (!number(s.l[i]) || !list(s.m[i])) return false;
  }
  if (!(in >> word) || word != "prior" || !list(s.prior_mean) || !list(s.prior_sd)) return false;
  std::size_t targets = 0;
  if (!(in >> word >> targets) || word != "nearest" || targets > 100000) return false;
  s.nearest.assign(targets, {});
  for (auto& near : s.nearest) {
    int meets = 0;
    if (!(in >> meets) || !number(near.score) || !(in >> near.replicates) || !list(near.x) || !list(near.means))
      return false;
    near.meets = meets != 0;
  }
  return true;
}

// What a checkpoint must agree with to be resumed: the targets file, the scenario and the sampler's settings.
std::string checkpoint_key(const Problem& p) {
  std::string all = p.t.text + '\x1f' + p.base.text + '\x1f' + std::to_string(p.o.particles) + ',' +
                    std::to_string(p.o.budget) + ',' + std::to_string(p.o.replicates) + ',' +
                    std::to_string(p.o.refine_factor);
  for (const auto& f : p.fit) all += '\x1f' + f.parameter + ':' + hex(f.low) + ':' + hex(f.high);
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a: a fingerprint, not a security measure
  for (unsigned char c : all) h = (h ^ c) * 1099511628211ULL;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

double ess(const std::vector<double>& l, double delta) {
  const double top = *std::max_element(l.begin(), l.end());
  double s = 0, s2 = 0;
  for (double v : l) {
    const double w = std::isfinite(v) ? std::exp(delta * (v - top)) : 0.0;
    s += w;
    s2 += w * w;
  }
  return s2 > 0 ? s * s / s2 : 0.0;
}

// The next temperature: the largest step that keeps half the particles' effective weight.
double next_beta(const std::vector<double>& l, double beta) {
  const double half = static_cast<double>(l.size()) / 2;
  if (ess(l, 1.0 - beta) >= half) return 1.0;
  double lo = 0, hi = 1.0 - beta;
  for (int i = 0; i < 60; ++i) {
    const double mid = (lo + hi) / 2;
    (ess(l, mid) >= half ? lo : hi) = mid;
  }
  return beta + std::max(lo, 1e-9);
}

// Cholesky factor of the weighted covariance, scaled for random-walk Metropolis (2.38^2 / d).
std::vector<std::vector<double>> proposal(const State& s, const std::vector<double>& w, const Problem& p) {
  const std::size_t d = p.fit.size();
  std::vector<double> mean(d, 0);
  for (std::size_t i = 0; i < s.x.size(); ++i)
    for (std::size_t j = 0; j < d; ++j) mean[j] += w[i] * s.x[i][j];
  std::vector<std::vector<double>> c(d, std::vector<double>(d, 0));
  for (std::size_t i = 0; i < s.x.size(); ++i)
    for (std::size_t a = 0; a < d; ++a)
      for (std::size_t b = 0; b < d; ++b) c[a][b] += w[i] * (s.x[i][a] - mean[a]) * (s.x[i][b] - mean[b]);
  const double scale = 2.38 * 2.38 / static_cast<double>(d);
  for (std::size_t a = 0; a < d; ++a) {
    for (std::size_t b = 0; b < d; ++b) c[a][b] *= scale;
    const double range = p.fit[a].high - p.fit[a].low;
    c[a][a] += 1e-8 * range * range;  // never a degenerate step
  }
  std::vector<std::vector<double>> L(d, std::vector<double>(d, 0));
  for (std::size_t a = 0; a < d; ++a)
    for (std::size_t b = 0; b <= a; ++b) {
      double sum = c[a][b];
      for (std::size_t k = 0; k < b; ++k) sum -= L[a][k] * L[b][k];
      if (a == b) L[a][a] = std::sqrt(std::max(sum, 1e-12 * (p.fit[a].high - p.fit[a].low) * (p.fit[a].high - p.fit[a].low)));
      else L[a][b] = sum / L[b][b];
    }
  return L;
}

void evaluate_all(const Problem& p, State& s) {
  s.l.assign(s.x.size(), kNegInf);
  s.m.assign(s.x.size(), {});
  sim::with_threads(p.o.threads, [&] {
    sim::parallel_for_each_index(s.x.size(), [&](std::size_t i) { s.l[i] = p.loglik(s.x[i], &s.m[i]); });
  });
  for (std::size_t i = 0; i < s.x.size(); ++i) note_candidate(p, s, s.x[i], s.l[i], s.m[i]);
}

// Normalised weights exp(log_w) of the particles (0 for a particle that could not be scored).
std::vector<double> normalised(const std::vector<double>& log_w) {
  double top = kNegInf;
  for (double v : log_w)
    if (std::isfinite(v)) top = std::max(top, v);
  std::vector<double> w(log_w.size(), 0.0);
  if (!std::isfinite(top)) return w;
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = std::isfinite(log_w[i]) ? std::exp(log_w[i] - top) : 0.0;
  const double total = std::accumulate(w.begin(), w.end(), 0.0);
  for (auto& v : w) v /= total;
  return w;
}

// Resamples the particles by their weights w and moves each `moves` times by random-walk Metropolis at
// temperature beta; every draw addressed by (stage, particle, move). Returns the runs made.
long resample_and_move(const Problem& p, State& s, const std::vector<double>& w, double beta, const sim::Stream& rng,
                       long moves) {
  const std::size_t n = s.x.size(), d = p.fit.size();
  long runs = 0;
  const auto L = proposal(s, w, p);
  // Systematic resampling.
  const auto stage_word = static_cast<std::uint64_t>(s.stage);
  const double u0 = sim::unit(rng.words(stage_word, 0, 0, 0)[0]) / static_cast<double>(n);
  State next = s;
  double cum = w[0];
  std::size_t j = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double u = u0 + static_cast<double>(i) / static_cast<double>(n);
    while (u > cum && j + 1 < n) cum += w[++j];
    next.x[i] = s.x[j];
    next.l[i] = s.l[j];
    next.m[i] = s.m[j];
  }
  // Random-walk Metropolis at the new temperature; every draw addressed by (stage, particle, move).
  std::vector<long> accepted(n, 0);
  for (long k = 0; k < moves; ++k) {
    std::vector<std::vector<double>> cand(n, std::vector<double>(d));
    std::vector<bool> inside(n, true);
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<double> z(d);
      for (std::size_t a = 0; a < d; ++a)
        z[a] = sim::standard_normal(sim::unit_open_zero(rng.words(stage_word, i + 1, static_cast<std::uint64_t>(k), a + 1)[0]));
      for (std::size_t a = 0; a < d; ++a) {
        double step = 0;
        for (std::size_t b = 0; b <= a; ++b) step += L[a][b] * z[b];
        cand[i][a] = next.x[i][a] + step;
        if (cand[i][a] < p.fit[a].low || cand[i][a] > p.fit[a].high) inside[i] = false;
      }
    }
    std::vector<double> l(n, kNegInf);
    std::vector<std::vector<double>> means(n);
    sim::with_threads(p.o.threads, [&] {
      sim::parallel_for_each_index(n, [&](std::size_t i) {
        if (inside[i]) l[i] = p.loglik(cand[i], &means[i]);
      });
    });
    runs += static_cast<long>(std::count(inside.begin(), inside.end(), true));
    for (std::size_t i = 0; i < n; ++i) {
      if (inside[i]) note_candidate(p, next, cand[i], l[i], means[i]);
      if (!inside[i] || !std::isfinite(l[i])) continue;
      const double u = sim::unit_open_zero(rng.words(stage_word, i + 1, static_cast<std::uint64_t>(k), 0)[0]);
      if (!std::isfinite(next.l[i]) || std::log(u) < beta * (l[i] - next.l[i])) {
        next.x[i] = cand[i];
        next.l[i] = l[i];
        next.m[i] = means[i];
        ++accepted[i];
      }
    }
  }
  next.acceptance = moves > 0 ? static_cast<double>(std::accumulate(accepted.begin(), accepted.end(), 0L)) /
                                    static_cast<double>(n * static_cast<std::size_t>(moves))
                              : s.acceptance;
  next.beta = beta;
  next.stage = s.stage + 1;
  s = std::move(next);
  return runs;
}

// One stage: reweight to the next temperature, resample, and move each particle K times.
void stage(const Problem& p, State& s, const sim::Stream& rng, long moves) {
  const double beta = next_beta(s.l, s.beta);
  const double top = *std::max_element(s.l.begin(), s.l.end());
  std::vector<double> log_w(s.l.size());
  for (std::size_t i = 0; i < s.l.size(); ++i) log_w[i] = (beta - s.beta) * (s.l[i] - top);
  s.evaluations += resample_and_move(p, s, normalised(log_w), beta, rng, moves);
}

// Moves per stage so that a particle moves at least once with probability about 0.9 at the last acceptance rate.
long moves_for(double acceptance) {
  const double a = std::clamp(acceptance, 0.02, 0.99);
  return std::clamp(static_cast<long>(std::ceil(std::log(0.1) / std::log(1 - a))), 2L, 6L);
}

std::vector<ParameterPosterior> summarise(const Problem& p, const State& s) {
  std::vector<ParameterPosterior> out;
  const std::size_t best = static_cast<std::size_t>(std::max_element(s.l.begin(), s.l.end()) - s.l.begin());
  for (std::size_t a = 0; a < p.fit.size(); ++a) {
    std::vector<double> v;
    for (const auto& x : s.x) v.push_back(x[a]);
    out.push_back(posterior_of(p.fit[a].parameter, p.fit[a].low, p.fit[a].high, v, s.x[best][a]));
  }
  return out;
}

std::string number(double v) {
  std::ostringstream o;
  o.precision(4);
  o << v;
  return o.str();
}

void report(const CalibrateOptions& o, const State& s, const std::string& key) {
  if (o.on_stage) o.on_stage(encode(s, key));
  if (!o.progress) return;
  std::ostringstream line;
  line << "stage " << s.stage << ": temperature " << number(s.beta) << ", " << s.evaluations << " of at most "
       << o.budget << " runs";
  if (s.stage > 0) line << ", acceptance " << number(s.acceptance);
  o.progress(line.str(), static_cast<double>(s.evaluations) / static_cast<double>(o.budget));
}

// A figure as the report shows it: a rate in percent when its criterion is in points.
std::string figure(const Target& g, double v) {
  if (!criterion_of(g).points) return number(v);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * v);
  return buf;
}

std::string miss_text(const Target& g, double mean) {
  char buf[48];
  if (criterion_of(g).points)
    std::snprintf(buf, sizeof buf, "%+.1f points", 100 * (mean - g.value));
  else
    std::snprintf(buf, sizeof buf, "%+.1f%%", 100 * (mean / g.value - 1));
  return buf;
}

// "name value, ..." of a candidate, and its figures for the other targets.
std::string candidate_text(const Problem& p, const Nearest& b, std::size_t target) {
  std::string out;
  for (std::size_t a = 0; a < p.fit.size() && a < b.x.size(); ++a)
    out += (a ? ", " : "") + p.fit[a].parameter + " " + number(b.x[a]);
  out += ": " + figure(p.t.targets[target], b.means[target]);
  std::string others;
  for (const std::size_t i : p.fitted)
    if (i != target)
      others += (others.empty() ? "" : ", ") + p.t.targets[i].kpi + " " + figure(p.t.targets[i], b.means[i]);
  return out + (others.empty() ? "" : ", with " + others);
}

// When no candidate of the sampler met target k's criterion, a local search (NLopt's Subplex, within the
// prior ranges) from the nearest one looks for a point that does while the other fitted targets keep their
// likelihood: the sampler goes where the posterior is, so under a nearly flat likelihood it may never visit
// the corner of the prior box where the figure is. The objective is the fit's -log-likelihood plus the
// target's miss with its criterion as two standard deviations; the search stops at the first point that meets
// the criterion. Deterministic (a fixed start and a deterministic optimiser), so a resumed fit gives the same
// verdict.
long search_reach(const Problem& p, std::size_t k, Nearest& near) {
  const Target& g = p.t.targets[k];
  const std::size_t d = p.fit.size();
  std::vector<double> x = near.x, lo(d), hi(d), step(d);
  for (std::size_t a = 0; a < d; ++a) {
    lo[a] = p.fit[a].low;
    hi[a] = p.fit[a].high;
    step[a] = (hi[a] - lo[a]) / 4;
    if (x.size() == d) x[a] = std::clamp(x[a], lo[a], hi[a]);
  }
  if (x.size() != d) return 0;
  long runs = 0;
  std::exception_ptr failure;
  nlopt::opt opt(nlopt::LN_SBPLX, static_cast<unsigned>(d));
  auto objective = [&](const std::vector<double>& at) {
    std::vector<double> means;
    double l = kNegInf;
    try {
      l = p.loglik(at, &means);
    } catch (...) {  // a cancelled run: stop the search, rethrown below
      failure = std::current_exception();
      opt.force_stop();
      return HUGE_VAL;
    }
    ++runs;
    if (!std::isfinite(l) || means.size() != p.t.targets.size()) return HUGE_VAL;
    const double ratio = criterion_ratio(g, means[k]);
    const bool meets = ratio <= 1;
    if ((meets && !near.meets) || (!near.meets && -ratio > near.score))
      near = {meets, meets ? l : -ratio, at, means, p.replicates()};
    if (meets) opt.force_stop();
    return -l + 2 * ratio * ratio;  // ((miss) / (tolerance / 2))^2 / 2
  };
  using Fn = decltype(objective);
  opt.set_lower_bounds(lo);
  opt.set_upper_bounds(hi);
  opt.set_maxeval(static_cast<int>(kReachSearchRuns));
  opt.set_initial_step(step);
  opt.set_min_objective([](const std::vector<double>& at, std::vector<double>&,
                           void* data) { return (*static_cast<Fn*>(data))(at); },
                        &objective);
  double value = 0;
  try {
    opt.optimize(x, value);
  } catch (const nlopt::forced_stop&) {
  } catch (const nlopt::roundoff_limited&) {
  }
  if (failure) std::rethrow_exception(failure);
  return runs;
}

// The verdict on a fitted target's criterion and, when it is missed, the plain-words explanation (a warning):
// whether the figure is reachable and how much of the miss one year's sampling error explains.
void judge_criterion(const Problem& p, const State& s, std::size_t k, TargetCheck& c,
                     std::vector<std::string>& warnings) {
  const Target& g = c.target;
  c.criterion = criterion_of(g);
  if (!c.criterion.applies || g.holdout) return;
  double sum = 0, counted = 0;
  for (const auto& m : s.m) {
    if (m.size() <= k) continue;
    c.draws_meeting += criterion_ratio(g, m[k]) <= 1;
    sum += m[k];
    counted += 1;
  }
  c.fit_mean = counted > 0 ? sum / counted : std::numeric_limits<double>::quiet_NaN();
  if (k < s.nearest.size()) c.nearest = s.nearest[k];
  if (k < s.prior_mean.size()) c.prior_mean = s.prior_mean[k], c.prior_sd = s.prior_sd[k];
  c.meets = criterion_ratio(g, c.mean) <= 1;
  if (!c.meets && !c.nearest.meets) c.search_runs = search_reach(p, k, c.nearest);
  const std::string name = g.kpi + " " + g.period;
  const std::string miss = miss_text(g, c.mean) + " (" + c.criterion.text + ")";
  if (c.meets) {
    c.verdict = "met: " + miss;
    return;
  }
  const std::string reps = std::to_string(p.replicates());
  if (!c.nearest.meets) {
    c.verdict = "not reached: " + miss + "; no candidate run came within " + c.criterion.text;
    warnings.push_back(
        "target " + name + " is not reached: none of the " + std::to_string(s.evaluations) +
        " candidates the fit ran in the prior ranges, nor a search of " + std::to_string(c.search_runs) +
        " more toward the figure, came within " + c.criterion.text + " of the published " +
        figure(g, g.value) + " in its mean over the fit's replicates (the nearest, over " +
        std::to_string(c.nearest.replicates) + ": " +
        (c.nearest.means.empty() ? std::string("none could be run") : candidate_text(p, c.nearest, k)) +
        "). The model with these ranges cannot give the figure: widen a range where the values beyond it are "
        "plausible, add a parameter, or accept the miss (the calibrated mean is " +
        figure(g, c.mean) + ").");
    return;
  }
  const double z = std::abs(c.mean - g.value) / c.sigma;
  const double share =
      std::erfc(z / std::sqrt(2.0));  // two-sided: a year's figure at least this far by chance
  char buf[96];
  std::snprintf(buf, sizeof buf, c.criterion.points ? "%.1f points" : "%.3g",
                (c.criterion.points ? 100 : 1) * c.sigma);
  const std::string sd = buf;
  std::snprintf(buf, sizeof buf, "%.2f", z);
  const std::string zs = buf;
  std::snprintf(buf, sizeof buf, share < 0.01 ? "under 1%%" : "%.0f%%", 100 * share);
  const std::string years = buf;
  const std::string draws = std::to_string(c.draws_meeting) + " of " + std::to_string(s.x.size());
  c.verdict = "missed but reachable: " + miss + "; " + draws + " draws meet it; the miss is " + zs +
              " of one year's sd " + sd;
  if (std::isfinite(c.fit_mean)) c.verdict += "; in the fit's " + reps + " replicates " + miss_text(g, c.fit_mean);
  const std::string candidate =
      c.search_runs > 0
          ? "a candidate of a search of " + std::to_string(c.search_runs) + " runs toward the figure"
          : std::string("the most likely candidate of the fit that meets it");
  std::string w = "target " + name + " misses its criterion: the calibrated mean " + figure(g, c.mean) +
                  " is " + miss_text(g, c.mean) + " from the published " + figure(g, g.value) + " (" +
                  c.criterion.text + "). The figure is reachable: " + draws +
                  " posterior draws meet it, and " + candidate + " does (" + candidate_text(p, c.nearest, k) +
                  "), each in its mean of " + std::to_string(c.nearest.replicates) + " replicates. One year's " +
                  "figure varies by chance with a standard deviation of " + sd + " (" + c.sigma_from +
                  "), so the miss is " + zs + " of it, as far as chance alone puts a year's figure in " +
                  years + " of years: ";
  std::string mc;
  if (std::isfinite(c.fit_mean) && std::isfinite(c.chance_sd)) {
    // Common random numbers make the fit's R replicates one shared draw of chance: every candidate's mean is
    // off by the same Monte Carlo error, which the check run over fresh replicates does not share. The miss
    // is that error (fresh against the fit's replicates) plus the posterior's own distance from the figure in
    // the fit's replicates, which more replicates would not remove.
    std::snprintf(
        buf, sizeof buf, c.criterion.points ? "%.1f points" : "%.3g",
        (c.criterion.points ? 100 : 1) * c.chance_sd / std::sqrt(static_cast<double>(p.replicates())));
    const std::string mc_sd = buf;
    const std::string refined =
        s.refined_replicates > 0
            ? " (the fit was refined on " + reps + " replicates instead of " + std::to_string(p.o.replicates) +
                  ", as its miss was within twice their Monte Carlo sd)"
            : std::string();
    mc = " In the fit's own " + reps + " replicates" + refined + " the posterior draws average " +
         figure(g, c.fit_mean) + " (" + miss_text(g, c.fit_mean) + "), against the calibrated mean " +
         figure(g, c.mean) + " over fresh replicates; those replicates are one draw of chance that every " +
         "candidate shares (common random numbers), with a Monte Carlo sd of " + mc_sd;
    if (criterion_ratio(g, c.fit_mean) <= 1)
      mc += ": the miss is that Monte Carlo error, which more --replicates shrink.";
    else {
      mc += ": the posterior itself misses the figure by " + miss_text(g, c.fit_mean) +
            " in them, so more --replicates would not meet it.";
      if (std::isfinite(c.prior_mean)) {
        mc += " The prior ranges alone give " + figure(g, c.prior_mean) + " on average (sd " +
              figure(g, c.prior_sd) + " over the fit's first " + std::to_string(s.x.size()) +
              " candidates, a Latin hypercube of the ranges)";
        // Between the prior's figure and the published one: the prior's pull. Beyond the prior's figure (or
        // on the figure's other side): the other fitted targets' pull, since the prior alone is nearer.
        const bool between = (c.fit_mean - g.value) * (c.prior_mean - c.fit_mean) > 0;
        if (between)
          mc += ", and the posterior lies between that and the figure: the prior's pull, which one year's "
                "figure, with its sd " + sd + ", does not outweigh.";
        else
          mc += ", not beyond the posterior as seen from the figure: the prior does not pull it there, the "
                "other fitted targets do, whose figures need parameters that put this one further off (the "
                "candidate that meets it misses them more: its figures above).";
      }
    }
  }
  if (z <= 2)
    w += "one year's figure is too noisy to pin the mean. To pin it, give several years' figures as targets, "
         "or the figure's cohort_size or sd (docs/calibration.md \"Missed figures\").";
  else
    w +=
        "chance hardly explains it; the other targets pull the fit away from it (the candidate that meets it "
        "misses them more: its figures above), or the prior ranges make it unlikely.";
  warnings.push_back(w + mc);
}

// The posterior's summary from the sampler's state: the parameters, the draws, how the fit went, and the
// identifiability warnings (unconstrained parameters, trade-offs, ranges too narrow).
CalibrationResult posterior(const Problem& p, const State& s) {
  const std::size_t n = s.x.size(), d = p.fit.size();
  CalibrationResult r;
  r.parameters = summarise(p, s);
  r.draws = s.x;
  r.evaluations = s.evaluations;
  r.refined_replicates = s.refined_replicates;
  r.refined_runs = s.refined_runs;
  r.stages = s.stage;
  r.converged = s.beta >= 1.0;
  std::ostringstream m;
  m << "SMC with likelihood tempering: " << n << " particles, " << s.stage << " stages, " << s.evaluations
    << " runs of " << p.o.replicates << " replicates (common random numbers), temperature " << number(s.beta);
  if (s.refined_replicates > 0)
    m << "; refined on " << s.refined_replicates << " replicates (" << s.refined_runs << " runs)";
  r.method = m.str();
  if (!r.converged)
    r.warnings.push_back("the sampler stopped at temperature " + number(s.beta) + " of 1 within the budget of " +
                         std::to_string(p.o.budget) + " runs: the draws are wider than the posterior; raise --budget");
  r.correlation.assign(d, std::vector<double>(d, 0));
  for (std::size_t a = 0; a < d; ++a)
    for (std::size_t b = 0; b < d; ++b) {
      double sab = 0;
      for (const auto& x : s.x) sab += (x[a] - r.parameters[a].mean) * (x[b] - r.parameters[b].mean);
      sab /= static_cast<double>(std::max<std::size_t>(n - 1, 1));
      const double den = r.parameters[a].sd * r.parameters[b].sd;
      r.correlation[a][b] = den > 0 ? sab / den : (a == b ? 1.0 : 0.0);
    }
  for (std::size_t a = 0; a < d; ++a) {
    const auto& q = r.parameters[a];
    const double range = q.high - q.low;
    if (q.sd > 0.6 * range / std::sqrt(12.0))
      r.warnings.push_back(q.name + " is not constrained by the targets (posterior sd " + number(q.sd) +
                           " against the prior's " + number(range / std::sqrt(12.0)) + "): its value is the prior's");
    else if (q.p05 < q.low + 0.02 * range || q.p95 > q.high - 0.02 * range)
      r.warnings.push_back(q.name + " presses against the edge of its range " + number(q.low) + " .. " +
                           number(q.high) + ": widen the range if the values beyond it are plausible");
    for (std::size_t b = a + 1; b < d; ++b)
      if (std::abs(r.correlation[a][b]) > 0.8)
        r.warnings.push_back(q.name + " and " + r.parameters[b].name + " trade off (posterior correlation " +
                             number(r.correlation[a][b]) + "): the targets fix a combination of them, not each");
  }
  return r;
}

// The calibrated model against every target (file order), not yet judged: its draws in turn, as `yjsim
// run` runs it.
std::vector<TargetCheck> check_targets(const Problem& p, const CalibrationResult& r) {
  const std::size_t n = r.draws.size();
  Scenario check = calibrated_scenario(p.t, r, "");
  check.variants.resize(1);
  // Whole replicates per draw, so that every draw weighs alike in the mean as in the posterior (up to four: the
  // mean judged against the criterion then has a Monte Carlo sd of about a sixth of one year's chance sd at 60
  // draws), at least 100 for the interval's ends, but never more than a tenth of the fit's work.
  const auto work = static_cast<std::size_t>(std::max(1L, p.o.budget * p.o.replicates / 10));
  const std::size_t per_draw = std::clamp<std::size_t>(work / std::max<std::size_t>(n, 1), 1, 4);
  check.variants[0].params.run.replicates =
      static_cast<double>(std::max({n, n * per_draw, std::min<std::size_t>(100, work)}));
  RunOptions ro;
  ro.threads = p.o.threads;
  ro.cancel = p.o.cancel;
  const Results res = run_scenario(check, ro);
  std::vector<std::size_t> group(static_cast<std::size_t>(res.replicates));
  for (std::size_t rep = 0; rep < group.size(); ++rep) group[rep] = rep % n;  // replicate r runs draw r mod N
  std::vector<TargetCheck> out;
  for (const auto& g : p.t.targets) {
    const auto sm = target_summary(res, g);
    TargetCheck c;
    c.target = g;
    c.mean = sm.mean;
    c.p05 = sm.p5;
    c.p95 = sm.p95;
    c.within = g.value >= sm.p5 && g.value <= sm.p95;
    // One year's chance: the spread within a posterior draw (analysis/uncertainty.h), not the parameters'.
    std::vector<double> v;
    for (std::size_t rep = 0; rep < group.size(); ++rep) v.push_back(target_value(res, rep, g));
    const auto split = split_uncertainty(v, group, n);
    const bool chance = split.separable && std::isfinite(split.sd_chance);
    c.sigma = sampling_sd(g, chance ? split.sd_chance : sm.sd, &c.sigma_from);
    c.chance_sd = chance ? split.sd_chance : sm.sd;
    if (c.sigma_from == "model replicates" && !chance)
      c.sigma_from = "model replicates, parameter spread included";
    out.push_back(c);
  }
  return out;
}

// Whether the fit should be refined on more replicates: it reached the posterior, and a fitted figure's
// calibrated mean misses its criterion by no more than twice the Monte Carlo sd of the fit's means (one
// year's chance sd / sqrt(replicates)). Common random numbers make every candidate share that error, so
// the posterior sits off the figure by it; a miss that large is partly the fit's own noise, which more
// replicates shrink. A miss beyond it is the evidence or the model, and more replicates would not help.
bool worth_refining(const Problem& p, const State& s, const std::vector<TargetCheck>& checks) {
  if (s.beta < 1.0 || p.o.refine_factor <= 1) return false;
  for (const std::size_t k : p.fitted) {
    const TargetCheck& c = checks[k];
    const Criterion cr = criterion_of(c.target);
    if (!cr.applies || !(criterion_ratio(c.target, c.mean) > 1)) continue;
    const double tolerance = cr.points ? cr.tolerance : cr.tolerance * std::abs(c.target.value);
    const double excess = std::abs(c.mean - c.target.value) - tolerance;
    const double monte_carlo = c.chance_sd / std::sqrt(static_cast<double>(p.replicates()));
    if (excess <= 2 * monte_carlo) return true;
  }
  return false;
}

// The refinement: the posterior's particles carried from the fit's likelihood to the fine problem's (more
// replicates, so a smaller shared Monte Carlo error) by importance weights (the ratio of the two
// likelihoods at each particle), resampled, and moved at temperature 1 on the fine replicates.
void refine(const Problem& fine, State& s, const sim::Stream& rng) {
  const std::vector<double> coarse = s.l;
  evaluate_all(fine, s);
  long runs = static_cast<long>(s.x.size());
  std::vector<double> log_w(s.l.size(), kNegInf);
  for (std::size_t i = 0; i < s.l.size(); ++i)
    if (std::isfinite(coarse[i])) log_w[i] = s.l[i] - coarse[i];
  const std::vector<double> w = normalised(log_w);
  if (std::any_of(w.begin(), w.end(), [](double v) { return v > 0; }))
    runs += resample_and_move(fine, s, w, 1.0, rng, kRefineMoves);
  s.refined_replicates = fine.replicates();
  s.refined_runs = runs;
}

}  // namespace

Criterion criterion_of(const Target& g) {
  if (!g.breakdown.empty()) return {};
  if (g.kpi == "reoffending_binary_rate") return {true, true, 0.03, "+-3 points"};
  if (g.kpi == "reoffending_frequency_rate" || g.kpi == "reoffences_per_reoffender")
    return {true, false, 0.10, "+-10%"};
  return {};
}

double criterion_ratio(const Target& g, double mean) {
  const Criterion c = criterion_of(g);
  if (!c.applies || !std::isfinite(mean)) return std::numeric_limits<double>::quiet_NaN();
  if (c.points) return std::abs(mean - g.value) / c.tolerance;
  return g.value != 0 ? std::abs(mean / g.value - 1) / c.tolerance : std::numeric_limits<double>::infinity();
}

double target_value(const Results& r, std::size_t replicate, const Target& g) {
  const long a = sim::months_between(r.calendar.start(), g.first) / 3;
  const long b = (sim::months_between(r.calendar.start(), g.last) + 1) / 3 - 1;
  const KpiValues& v = r.variants[0].replicates[replicate];
  const bool year = a % 4 == 0 && b == a + 3;  // one horizon year: the yearly figure (distinct children once)
  if (!g.breakdown.empty()) {
    const auto c = static_cast<std::size_t>(cell_of(g));
    if (year) return v.cells_year[c][static_cast<std::size_t>(a / 4)];
    double sum = 0;
    for (long p = a; p <= b; ++p) sum += v.cells_period[c][static_cast<std::size_t>(p)];
    return sum;
  }
  const int k = kpi_index(g.kpi);
  if (year) return v.year[static_cast<std::size_t>(k)][static_cast<std::size_t>(a / 4)];
  return kpi_over(v, k, a, b, r.months_in_period);
}

sim::Summary target_summary(const Results& r, const Target& g) {
  std::vector<double> v;
  for (std::size_t rep = 0; rep < static_cast<std::size_t>(r.replicates); ++rep) v.push_back(target_value(r, rep, g));
  return sim::summarise(v);
}

ParameterPosterior posterior_of(const std::string& name, double low, double high, const std::vector<double>& draws,
                                double fitted) {
  const auto sm = sim::summarise(draws);
  return {name, low, high, sm.mean, sm.sd, sm.p5, sm.p50, sm.p95, fitted};
}

std::vector<FitRange> default_fit_parameters(const input::TargetsFile& t) {
  bool reoffending = false, spread = false;
  for (const auto& g : t.targets) {
    if (g.holdout) continue;
    if (g.kpi == "reoffending_binary_rate" || g.kpi == "reoffenders") reoffending = true;
    if (g.kpi == "reoffending_frequency_rate" || g.kpi == "reoffences_per_reoffender" || g.kpi == "reoffences") spread = true;
  }
  const Params& p = t.base.baseline();
  // The level of offending sets first time entrants, the cohort and custody; the extra rate after an event sets
  // how many of the cohort reoffend; the spread of propensity sets how often those who reoffend do so.
  std::vector<FitRange> out{{"offending.base_rate", p.offending.base_rate / 2, p.offending.base_rate * 2, 0}};
  // 0 .. 2.5: the most reoffending London boroughs (56% binary in 2016) need more than 1.2 (docs/calibration.md).
  if (reoffending) out.push_back({"offending.post_event_rr", 0.0, 2.5, 0});
  // The other side of the same question: how often a formal outcome ends a career. Version 2's defaults have no
  // post-event rise (post_event_rr 0), so without it a service below the national binary rate (33% in 2016's
  // London range) could not be reached.
  if (reoffending) out.push_back({"desistance.per_outcome", 0.2, 0.9, 0});
  if (spread) out.push_back({"offending.propensity_sigma", 1.6, 3.6, 0});
  // The persistent group (version 2) holds most of the heaviest offending: its share moves the frequency far more
  // than the spread of the others can (at share 0, one log-normal group as in version 1). A scenario without it
  // keeps it off.
  if (spread && p.offending.persistent_share > 0)
    out.push_back({"offending.persistent_share", 0.0, 2 * p.offending.persistent_share, 0});
  // The extra offences proven with each detected case: a frequency lever that leaves who reoffends, the FTEs
  // and custody exactly as they were (only the counts of proven offences change, docs/calibration.md), so
  // that propensity_sigma need not carry the frequency alone. A scenario without them (0) keeps them off.
  if (spread && p.detection.extra_offences_mean > 0)
    out.push_back({"detection.extra_offences_mean", 0.0, 2 * p.detection.extra_offences_mean, 0});
  return out;
}

CalibrationResult calibrate(const input::TargetsFile& t, const CalibrateOptions& o) {
  Problem p{t, o, t.fit.empty() ? default_fit_parameters(t) : t.fit, {}, {}, t.base};
  for (const auto& f : p.fit) p.elements.push_back(param_element(f.parameter));
  for (std::size_t i = 0; i < t.targets.size(); ++i)
    if (!t.targets[i].holdout) p.fitted.push_back(i);
  p.base.variants.resize(1);  // the baseline is what is fitted
  p.base.calibration = {};
  p.base.variants[0].params.run.replicates = static_cast<double>(o.replicates);
  const std::string key = checkpoint_key(p);
  const sim::Stream rng(p.base.baseline().run.seed, purpose_id(Purpose::calibration));
  const auto n = static_cast<std::size_t>(o.particles);
  const std::size_t d = p.fit.size();

  State s;
  if (o.resume_from.empty() || !decode(o.resume_from, key, s)) {
    s = State{};
    const auto unit = sim::latin_hypercube(n, d, sim::Stream(p.base.baseline().run.seed, purpose_id(Purpose::calibration_design)));
    s.x.assign(n, std::vector<double>(d));
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t a = 0; a < d; ++a) s.x[i][a] = p.fit[a].low + (p.fit[a].high - p.fit[a].low) * unit[i][a];
    evaluate_all(p, s);
    note_prior(s);
    s.evaluations = static_cast<long>(n);
    report(o, s, key);
  }
  if (std::none_of(s.l.begin(), s.l.end(), [](double v) { return std::isfinite(v); }))
    throw sim::InputError(t.file, 0, "fit", "no candidate in the prior ranges that the model could run or score",
                          "ranges where the scenario is valid (`yjsim check`)");
  while (s.beta < 1.0) {
    const long left = (o.budget - s.evaluations) / static_cast<long>(n);
    if (left < 1) break;
    stage(p, s, rng, std::min(moves_for(s.acceptance), left));
    report(o, s, key);
  }

  // The refined problem: the same candidates on more replicates (the first R of them the fit's own).
  Problem fine = p;
  fine.base.variants[0].params.run.replicates = static_cast<double>(o.replicates * std::max(1L, o.refine_factor));
  CalibrationResult r = posterior(p, s);
  std::vector<TargetCheck> checks;
  if (s.refined_replicates == 0) {
    checks = check_targets(p, r);
    if (worth_refining(p, s, checks)) {
      refine(fine, s, rng);
      report(o, s, key);
    }
  }
  const Problem& used = s.refined_replicates > 0 ? fine : p;
  if (s.refined_replicates > 0) {
    r = posterior(used, s);
    checks = check_targets(used, r);
  }
  for (std::size_t k = 0; k < t.targets.size(); ++k) {
    TargetCheck& c = checks[k];
    const auto& g = c.target;
    judge_criterion(used, s, k, c, r.warnings);
    r.targets.push_back(c);
    if (!c.within)
      r.warnings.push_back(std::string(g.holdout ? "held-out check " : "target ") + g.kpi +
                           (g.breakdown.empty() ? "" : " (" + g.breakdown + " " + g.category + ")") + " " + g.period +
                           (g.holdout ? " is not reproduced: " : " is not reached: ") + "published " + number(g.value) +
                           ", calibrated model " + number(c.mean) + " (90% " + number(c.p05) + " .. " +
                           number(c.p95) + ")");
  }
  std::stable_partition(r.targets.begin(), r.targets.end(), [](const TargetCheck& c) { return !c.target.holdout; });
  return r;
}

Scenario calibrated_scenario(const input::TargetsFile& t, const CalibrationResult& r, const std::string& date) {
  Scenario s = t.base;
  Calibration& c = s.calibration;
  c.area = t.area;
  c.date = date;
  c.targets = t.file;
  c.method = r.method;
  for (const auto& g : t.targets)
    c.fitted_to.push_back(g.kpi + (g.breakdown.empty() ? "" : " " + g.breakdown + "=" + g.category) + " " + g.period +
                          " = " + number(g.value) + (g.holdout ? " (held out)" : ""));
  for (const auto& g : t.targets)  // the same, structured, for the board pack's charts and funnel plot
    c.published.push_back({g.kpi, g.breakdown, g.category, g.value, g.period, g.cohort_size.value_or(0), g.holdout, g.source});
  for (const auto& q : r.parameters) {
    c.parameters.push_back(q.name);
    c.values.push_back(q.map);
  }
  c.draws = r.draws;
  const Params base = s.baseline();
  for (std::size_t i = 0; i < c.parameters.size(); ++i) {
    const ParamElement e = param_element(c.parameters[i]);
    for (std::size_t v = 0; v < s.variants.size(); ++v)
      if (v == 0 || get_element(s.variants[v].params, e) == get_element(base, e)) set_element(s.variants[v].params, e, c.values[i]);
  }
  return s;
}

}  // namespace yjsim::analysis
