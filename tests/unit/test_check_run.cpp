// The orchestration of a check run (check_exercise) with a fake launcher: which steps run in which order,
// when the learner server is started, restarted and stopped, and what the report says. The fake server
// answers on a real socket (cpp-httplib in this process) but is no process, so these tests see every call
// the run makes on it; the real sandbox is tested in test_sandbox*.cpp, and whole runs against real learner
// servers in test_steps.cpp and tests/integration.

#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/checking/check_run.hpp"
#include "app/checking/launcher.hpp"
#include "app/checking/plan.hpp"
#include "app/course/pack.hpp"
#include "app/report/not_run.hpp"
#include "checker/hurl/parser.hpp"
#include "tests/unit/support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace roadwork;
using report::Verdict;
using roadwork::testing::TempDir;
using roadwork::testing::value_of;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

/// What the fake servers were asked to do, in order, shared by the launcher and its servers; and how they
/// behave.
struct Script {
  std::mutex mutex;
  std::vector<std::string> calls;
  bool refuse_start = false;         ///< start() reports a server that exited before it listened
  int items_status = 200;            ///< what GET /items answers
  bool stop_awaits_verdict = false;  ///< stop() waits (up to 5 s) for verdict_given, and says whether it came
  bool verdict_given = false;
  std::condition_variable verdict;

  void call(const std::string& what) {
    const std::lock_guard lock(mutex);
    calls.push_back(what);
  }
};

/// A learner server that is an HTTP server on a thread of this process, answering while "started".
class FakeServer final : public checking::LearnerServer {
 public:
  FakeServer(const checking::ServerConfig& config, Script& script)
      : script_(script), database_name_(config.database_name) {
    http_.Get("/health",
              [this](const httplib::Request&, httplib::Response& response) { answer(response, 200); });
    http_.Get("/items", [this](const httplib::Request&, httplib::Response& response) {
      answer(response, script_.items_status);
    });
    port_ = http_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { http_.listen_after_bind(); });
    // httplib's stop() before its accept loop runs would leave the loop running for ever.
    while (!http_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeServer() override {
    script_.call("destroyed");
    http_.stop();
    thread_.join();
  }

  sandbox::StartResult start(const std::vector<std::string>& unset,
                             const std::optional<fs::path>& data_dir) override {
    script_.call("start" + std::string(unset.empty() && !data_dir ? "" : " (other environment)"));
    sandbox::StartResult result;
    if (script_.refuse_start) {
      result.outcome = sandbox::StartOutcome::ExitedEarly;
      result.message = "the server exited with status 1 before listening";
      result.last_output = "Traceback: boom\n";
      return result;
    }
    running_ = true;
    result.elapsed = std::chrono::milliseconds(2);
    return result;
  }
  void set_env_overrides(const std::map<std::string, std::string>& env) override {
    for (const auto& [name, value] : env) script_.call("env " + name + "=" + value);
  }
  sandbox::StopResult stop() override {
    if (!running_) return {};
    running_ = false;
    if (!script_.stop_awaits_verdict) {
      script_.call("stop");
    } else {
      std::unique_lock lock(script_.mutex);
      const bool seen =
          script_.verdict.wait_for(lock, std::chrono::seconds(5), [&] { return script_.verdict_given; });
      script_.calls.push_back(seen ? "stop, the verdict given meanwhile" : "stop, no verdict in 5 s");
    }
    sandbox::StopResult stopped;
    stopped.elapsed = std::chrono::milliseconds(3);
    return stopped;
  }
  sandbox::StopResult kill() override {
    script_.call("kill");
    running_ = false;
    return {};
  }
  sandbox::Server* process() override { return nullptr; }
  std::string url() const override { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const override { return port_; }
  bool isolated() const override { return false; }
  const fs::path& data_dir() const override { return data_.path(); }
  fs::path database_path() const override { return data_.path() / database_name_; }

 private:
  void answer(httplib::Response& response, int status) const {
    response.status = running_ ? status : 503;
    response.set_content("{}", "application/json");
  }

  Script& script_;
  std::string database_name_;
  TempDir data_;
  httplib::Server http_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> running_ = false;
};

class FakeLauncher final : public checking::Launcher {
 public:
  explicit FakeLauncher(Script& script) : script_(script) {}
  std::unique_ptr<checking::LearnerServer> launch(const checking::ServerConfig& config) override {
    script_.call("launch `" + config.command + "` as " + config.name + " with " + config.database_name);
    return std::make_unique<FakeServer>(config, script_);
  }

 private:
  Script& script_;
};

/// A pack of one project, "p", grown by exercise `first` (GET /health) and then `second` (GET /items, a
/// restart with another environment, GET /health again).
struct TwoExercisePack {
  TwoExercisePack() {
    write(
        dir.path() / "lessons" / "roadmap.toml",
        "[pack]\nid = \"fake\"\ntitle = \"F\"\nversion = \"1.0.0\"\n\n[[stages]]\nid = \"s\"\ntitle = \"S\"\n"
        "exercises = [\"first\", \"second\"]\n");
    const auto exercise = [&](const std::string& id, const std::string& steps) {
      write(dir.path() / "exercises" / id / "exercise.toml",
            "id = \"" + id + "\"\ntitle = \"T\"\nstage = \"s\"\nproject = \"p\"\n\n" + steps);
    };
    write(dir.path() / "exercises" / "first" / "checks" / "health.hurl", "GET {{host}}/health\nHTTP 200\n");
    write(dir.path() / "exercises" / "second" / "checks" / "items.hurl", "GET {{host}}/items\nHTTP 200\n");
    write(dir.path() / "exercises" / "second" / "checks" / "health.hurl", "GET {{host}}/health\nHTTP 200\n");
    exercise("first", "[[steps]]\nname = \"health\"\nhurl = \"checks/health.hurl\"\n");
    exercise("second",
             "[[steps]]\nname = \"items\"\nhurl = \"checks/items.hurl\"\n\n"
             "[[steps]]\nname = \"restart\"\nrestart = true\nenv = { MODE = \"again\" }\n\n"
             "[[steps]]\nname = \"health after the restart\"\nhurl = \"checks/health.hurl\"\n");
    pack = value_of(course::load_pack(dir.path()));
  }
  TempDir dir;
  TempDir runs;
  course::Pack pack;
};

/// Checks exercise `id` of `fixture` with `launcher`; the names of the reported steps go to `names`.
report::Report check(TwoExercisePack& fixture, const std::string& id, checking::Launcher& launcher,
                     checking::Reporter& reporter = checking::quiet_reporter(), bool keep_going = false) {
  checking::CheckOptions options;
  options.keep_going = keep_going;
  options.runs_dir = fixture.runs.path();
  const checking::ServerSource source{"python3 server.py", fixture.dir.path(), std::nullopt, ""};
  auto checked = checking::check_exercise(fixture.pack, *fixture.pack.find_exercise(id), source, options,
                                          reporter, launcher);
  if (!checked) FAIL(render(checked.error().front()));
  return std::move(*checked);
}

std::vector<std::string> names_of(const report::Report& report) {
  std::vector<std::string> names;
  for (const auto& step : report.steps) names.push_back(step.name + (report::ran(step) ? "" : " (not run)"));
  return names;
}

}  // namespace

TEST_CASE(
    "a run launches one learner server, runs the exercise's steps then the earlier exercises' of its "
    "project, restarts it where a step says, and stops it once") {
  TwoExercisePack fixture;
  Script script;
  FakeLauncher launcher(script);
  const auto report = check(fixture, "second", launcher);
  CHECK(report.verdict() == Verdict::Pass);
  CHECK(report.message.empty());
  CHECK(names_of(report) ==
        std::vector<std::string>{"items", "restart", "health after the restart", "first: health"});
  CHECK(script.calls == std::vector<std::string>{"launch `python3 server.py` as second with p.db", "start",
                                                 "stop", "env MODE=again", "start", "stop", "destroyed"});
  CHECK(report.server_start_ms == doctest::Approx(2.0));
  CHECK(report.server_stop_ms == doctest::Approx(3.0));
  CHECK_FALSE(report.isolated);
}

TEST_CASE("a server that does not start is the run's verdict, with its output, and no step runs") {
  TwoExercisePack fixture;
  Script script;
  script.refuse_start = true;
  FakeLauncher launcher(script);
  const auto report = check(fixture, "second", launcher);
  CHECK(report.verdict() == Verdict::Error);
  CHECK(report.message == "the server exited with status 1 before listening");
  CHECK(report.server_output == "Traceback: boom\n");
  CHECK(report.steps.empty());
  CHECK(script.calls ==
        std::vector<std::string>{"launch `python3 server.py` as second with p.db", "start", "destroyed"});
}

TEST_CASE(
    "the first step that fails ends the run, and the later steps are listed as not run; "
    "keep_going runs them all") {
  TwoExercisePack fixture;
  Script script;
  script.items_status = 500;
  FakeLauncher launcher(script);
  const auto stopped = check(fixture, "second", launcher);
  CHECK(stopped.verdict() == Verdict::Fail);
  CHECK(names_of(stopped) == std::vector<std::string>{"items", "restart (not run)",
                                                      "health after the restart (not run)",
                                                      "first: health (not run)"});
  CHECK(script.calls == std::vector<std::string>{"launch `python3 server.py` as second with p.db", "start",
                                                 "stop", "destroyed"});

  const auto all = check(fixture, "second", launcher, checking::quiet_reporter(), true);
  CHECK(all.verdict() == Verdict::Fail);
  CHECK(names_of(all) ==
        std::vector<std::string>{"items", "restart", "health after the restart", "first: health"});
  CHECK(all.steps[0].verdict == Verdict::Fail);
  CHECK(all.steps[3].verdict == Verdict::Pass);
}

TEST_CASE("the verdict is given while the server stops, and the report then adds the stop") {
  TwoExercisePack fixture;
  Script script;
  script.stop_awaits_verdict = true;
  FakeLauncher launcher(script);
  // Hears the steps, and lets the fake server's stop go on once the verdict is given.
  struct Listener final : checking::Reporter {
    explicit Listener(Script& script) : script(script) {}
    void step_finished(const report::StepResult& step) override { live.push_back(step.name); }
    void verdict(const report::Report& report) override {
      stop_ms_at_verdict = report.server_stop_ms;
      const std::lock_guard lock(script.mutex);
      script.verdict_given = true;
      script.verdict.notify_all();
    }
    Script& script;
    std::vector<std::string> live;
    double stop_ms_at_verdict = -1;
  } listener(script);
  const auto report = check(fixture, "first", launcher, listener);
  CHECK(report.verdict() == Verdict::Pass);
  CHECK(listener.live == std::vector<std::string>{"health"});
  CHECK(script.calls == std::vector<std::string>{"launch `python3 server.py` as first with p.db", "start",
                                                 "stop, the verdict given meanwhile", "destroyed"});
  CHECK(listener.stop_ms_at_verdict == 0);
  CHECK(report.server_stop_ms == doctest::Approx(3.0));
}

TEST_CASE("a run against a URL launches nothing and sends the checks there") {
  TwoExercisePack fixture;
  Script script;
  FakeLauncher launcher(script);
  Script elsewhere;  // a server the learner started themselves
  FakeServer server(checking::ServerConfig{}, elsewhere);
  server.start({}, std::nullopt);
  checking::CheckOptions options;
  options.runs_dir = fixture.runs.path();
  const checking::ServerSource source{"", fixture.dir.path(), server.url(), ""};
  const auto checked = checking::check_exercise(fixture.pack, *fixture.pack.find_exercise("second"), source,
                                                options, checking::quiet_reporter(), launcher);
  REQUIRE(checked);
  CHECK(names_of(*checked) == std::vector<std::string>{"items", "restart",
                                                       "health after the restart (not run)",
                                                       "first: health (not run)"});
  CHECK(checked->steps[0].verdict == Verdict::Pass);
  // A restart needs the server roadwork starts.
  CHECK(checked->steps[1].verdict == Verdict::Error);
  CHECK(script.calls.empty());
}

TEST_CASE(
    "check files on their own (roadwork hurl) run in order against the given host, each whatever the one "
    "before it gave, and captures carry over") {
  Script script;
  FakeServer server(checking::ServerConfig{}, script);
  server.start({}, std::nullopt);
  script.items_status = 500;
  std::vector<hurl::HurlFile> files;
  for (const auto& [path, text] : std::vector<std::pair<std::string, std::string>>{
           {"a.hurl", "GET {{host}}/health\nHTTP 200\n[Captures]\nfound: status\n"},
           {"b.hurl", "GET {{host}}/items\nHTTP 200\n"},
           {"c.hurl", "GET {{host}}/health\nHTTP *\n[Asserts]\nstatus == {{found}}\n"}}) {
    auto parsed = hurl::parse(text, path);
    REQUIRE(parsed.file);
    files.push_back(std::move(*parsed.file));
  }
  const auto planned = checking::plan_files(std::move(files));
  struct Listener final : checking::Reporter {
    void step_finished(const report::StepResult& step) override { live.push_back(step.name); }
    void verdict(const report::Report& report) override { verdicts.push_back(report.verdict()); }
    std::vector<std::string> live;
    std::vector<Verdict> verdicts;
  } listener;
  const auto report =
      checking::check_files(planned->plan, {{"host", server.url()}}, run::RunOptions{}, listener);
  CHECK(names_of(report) == std::vector<std::string>{"a.hurl", "b.hurl", "c.hurl"});
  CHECK(report.steps[0].verdict == Verdict::Pass);
  CHECK(report.steps[1].verdict == Verdict::Fail);
  CHECK(report.steps[2].verdict == Verdict::Pass);
  CHECK(report.steps[2].kind == "hurl");
  CHECK(listener.live == names_of(report));
  CHECK(listener.verdicts == std::vector<Verdict>{Verdict::Fail});
  CHECK(report.exercise.empty());
}
