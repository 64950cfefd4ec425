#pragma once
// The process-wide registry of live server process groups that roadwork's SIGINT/SIGTERM/SIGHUP/SIGPIPE
// handler kills before exiting (install_interrupt_handlers() in server.hpp installs the handler).

#include <signal.h>
#include <sys/types.h>

namespace roadwork::sandbox {

/// Keeps one process group in the registry while it lives. Registering and releasing are lock-free and
/// the handler only reads the registry, so a signal may arrive at any moment. The registry has a fixed
/// number of slots (1024); a group that finds no free slot is not registered and then relies on
/// PR_SET_PDEATHSIG alone. Move-only.
class GroupRegistration {
 public:
  GroupRegistration() = default;
  explicit GroupRegistration(pid_t pgid);
  ~GroupRegistration() { release(); }
  GroupRegistration(GroupRegistration&& other) noexcept;
  GroupRegistration& operator=(GroupRegistration&& other) noexcept;
  GroupRegistration(const GroupRegistration&) = delete;
  GroupRegistration& operator=(const GroupRegistration&) = delete;

  /// Takes the group out of the registry (the handler will no longer kill it). Idempotent.
  void release();

 private:
  int slot_ = -1;
};

/// Sets the line the interrupt handler writes to stderr before it exits, e.g. "roadwork grade: interrupted
/// after grading 3 of 10 submissions", replacing the previous one (at most 511 bytes are kept). Call it from
/// one thread at a time; the handler may run at any moment and always sees a whole line.
void set_interrupt_note(const char* text);

/// Holds an interrupt back while this thread changes something together with the note that describes it
/// (a grade recorded and "interrupted after grading N"): while it lives the interrupt signals are blocked
/// in this thread, and the handler, once it has killed the servers, waits for every live DeferInterrupt to
/// end (at most 2 s; past that it says the count may leave one out) before it writes the note and exits.
/// Entered after an interrupt began, it never returns (the process is about to exit). Keep the section
/// short and start no process in it (a child would inherit the blocked signals). Not movable.
class DeferInterrupt {
 public:
  DeferInterrupt();
  ~DeferInterrupt();
  DeferInterrupt(const DeferInterrupt&) = delete;
  DeferInterrupt& operator=(const DeferInterrupt&) = delete;

 private:
  sigset_t previous_{};
};

}  // namespace roadwork::sandbox
