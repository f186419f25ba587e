// SatSolver on CryptoMiniSat 5 (specs §2.5). One thread and a fixed seed make every run identical.
//
// API facts this file relies on (CryptoMiniSat 5.11.4, checked by probe):
//  * get_conflict() holds the NEGATIONS of the failed assumptions, and is empty when okay() is false;
//  * set_max_time / set_max_confl count "from now", so they are re-set before every solve();
//  * set_max_time measures CPU seconds, so a wall-clock watchdog interrupts the call as well
//    (the machine may be shared, and the header promises wall-clock time).
#include "solver/sat_solver.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include <cryptominisat5/cryptominisat.h>

namespace thoth::sat {
namespace {

constexpr std::uint32_t kSeed = 20240917;
constexpr std::uint64_t kUnlimitedConflicts = std::uint64_t{1} << 60;
constexpr double kUnlimitedSeconds = 1e12;

CMSat::Lit to_cms(Lit lit) { return CMSat::Lit(lit.var().index, lit.negated()); }
Lit from_cms(CMSat::Lit lit) { return Lit(Var{lit.var()}, lit.sign()); }

// One thread for the whole process that interrupts solvers whose wall-clock deadline has passed.
// Started on first use; a solve call arms it and disarms it on return. (A thread per call cost
// more than solving a small request: clone, stack set-up and teardown showed as 60% of the time.)
class WatchdogService {
 public:
  static WatchdogService& instance() {
    static WatchdogService service;
    return service;
  }

  std::uint64_t arm(CMSat::SATSolver& solver, std::chrono::steady_clock::time_point deadline) {
    std::lock_guard lock(m_mutex);
    if (!m_thread.joinable()) m_thread = std::thread([this] { run(); });
    std::uint64_t ticket = ++m_last_ticket;
    m_armed.emplace(ticket, Armed{&solver, deadline});
    // The thread re-reads the deadlines whenever it wakes; wake it early only when it would
    // otherwise sleep past this one (a wake per call showed as 12% of a small request's time).
    if (deadline < m_wake_at) m_changed.notify_all();
    return ticket;
  }

  void disarm(std::uint64_t ticket) {
    std::lock_guard lock(m_mutex);
    m_armed.erase(ticket);
  }

  ~WatchdogService() {
    {
      std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable()) m_thread.join();
  }

 private:
  struct Armed {
    CMSat::SATSolver* solver;
    std::chrono::steady_clock::time_point deadline;
  };

  WatchdogService() = default;

  // Sleeps until the earliest deadline (or a change), interrupting every solver past its deadline.
  // A fired entry stays until its solve call disarms it; interrupting twice is harmless.
  void run() {
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
      auto now = std::chrono::steady_clock::now();
      auto next = std::chrono::steady_clock::time_point::max();
      for (auto& [ticket, armed] : m_armed) {
        if (armed.deadline <= now) {
          armed.solver->interrupt_asap();
          armed.deadline = std::chrono::steady_clock::time_point::max();
        }
        next = std::min(next, armed.deadline);
      }
      m_wake_at = next;
      if (next == std::chrono::steady_clock::time_point::max()) m_changed.wait(lock);
      else m_changed.wait_until(lock, next);
    }
  }

  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::map<std::uint64_t, Armed> m_armed;
  std::uint64_t m_last_ticket = 0;
  std::chrono::steady_clock::time_point m_wake_at = std::chrono::steady_clock::time_point::min();  // thread not started
  bool m_stop = false;
  std::thread m_thread;
};

// Arms the process's watchdog for one solve call (nothing when the budget is unlimited).
class Watchdog {
 public:
  Watchdog(CMSat::SATSolver& solver, std::chrono::milliseconds budget) {
    if (budget.count() <= 0) return;
    m_ticket = WatchdogService::instance().arm(solver, std::chrono::steady_clock::now() + budget);
  }
  ~Watchdog() {
    if (m_ticket != 0) WatchdogService::instance().disarm(m_ticket);
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  std::uint64_t m_ticket = 0;
};

}  // namespace

struct SatSolver::Impl {
  CMSat::SATSolver solver;
  std::vector<CMSat::Lit> buffer;
  std::vector<char> assumed;  // by literal code, while filtering a conflict
  std::uint64_t conflicts = 0;

  Impl() {
    solver.set_num_threads(1);  // before any variable exists
    solver.set_seed(kSeed);
    solver.set_verbosity(0);
  }

  void set_budgets(const SolveLimits& limits) {
    solver.set_max_confl(limits.conflicts > 0 ? limits.conflicts : kUnlimitedConflicts);
    const double seconds = static_cast<double>(limits.time.count()) / 1000.0;
    solver.set_max_time(limits.time.count() > 0 ? seconds : kUnlimitedSeconds);
  }
};

SatSolver::SatSolver() : m_impl(std::make_unique<Impl>()) {}
SatSolver::~SatSolver() = default;

void SatSolver::ensure_vars(std::uint32_t count) {
  const std::uint32_t have = m_impl->solver.nVars();
  if (count > have) m_impl->solver.new_vars(count - have);
}

Var SatSolver::new_var() {
  m_impl->solver.new_var();
  return Var{m_impl->solver.nVars() - 1};
}

std::uint32_t SatSolver::num_vars() const { return m_impl->solver.nVars(); }

std::uint64_t SatSolver::conflicts() const { return m_impl->conflicts; }

void SatSolver::add_clause(std::span<const Lit> clause) {
  std::uint32_t needed = 0;
  auto& buffer = m_impl->buffer;
  buffer.clear();
  for (const Lit lit : clause) {
    needed = std::max(needed, lit.var().index + 1);
    buffer.push_back(to_cms(lit));
  }
  ensure_vars(needed);
  m_impl->solver.add_clause(buffer);
}

void SatSolver::add_cnf(const Cnf& cnf) {
  ensure_vars(cnf.num_vars());
  for (std::span<const Lit> clause : cnf.clauses()) add_clause(clause);
}

Answer SatSolver::solve(std::span<const Lit> assumptions, const SolveLimits& limits) {
  ++m_calls;
  m_failed.clear();
  std::uint32_t needed = 0;
  std::vector<CMSat::Lit> cms_assumptions;
  cms_assumptions.reserve(assumptions.size());
  for (const Lit lit : assumptions) {
    needed = std::max(needed, lit.var().index + 1);
    cms_assumptions.push_back(to_cms(lit));
  }
  ensure_vars(needed);
  m_impl->set_budgets(limits);

  CMSat::lbool answer;
  {
    Watchdog watchdog(m_impl->solver, limits.time);
    answer = m_impl->solver.solve(&cms_assumptions);
  }
  m_impl->conflicts += m_impl->solver.get_last_conflicts();

  if (answer == CMSat::l_True) {
    const auto& cms_model = m_impl->solver.get_model();
    m_model.assign(cms_model.size(), false);
    for (std::size_t i = 0; i < cms_model.size(); ++i) m_model[i] = cms_model[i] == CMSat::l_True;
    return Answer::Satisfiable;
  }
  if (answer == CMSat::l_Undef) return Answer::Unknown;

  if (!m_impl->solver.okay()) return Answer::Unsatisfiable;  // unsat without any assumption
  // Keep only literals that were assumed (a guard: CryptoMiniSat returns exactly those, negated).
  std::vector<char>& assumed = m_impl->assumed;
  if (assumed.size() < 2 * static_cast<std::size_t>(num_vars())) assumed.resize(2 * static_cast<std::size_t>(num_vars()), 0);
  for (const Lit lit : assumptions) assumed[lit.code()] = 1;
  for (const CMSat::Lit negated : m_impl->solver.get_conflict()) {
    const Lit failed = ~from_cms(negated);
    if (failed.code() < assumed.size() && assumed[failed.code()] != 0) m_failed.push_back(failed);
  }
  for (const Lit lit : assumptions) assumed[lit.code()] = 0;
  std::sort(m_failed.begin(), m_failed.end());
  m_failed.erase(std::unique(m_failed.begin(), m_failed.end()), m_failed.end());
  return Answer::Unsatisfiable;
}

bool SatSolver::value(Var v) const { return v.index < m_model.size() && m_model[v.index]; }

}  // namespace thoth::sat
