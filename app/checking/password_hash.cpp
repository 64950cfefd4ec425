#include "app/checking/password_hash.hpp"

#include <argon2.h>
#include <crypt.h>
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "checker/run/encoding.hpp"

namespace roadwork::checking {

namespace {

// Floors: OWASP's minimums lowered where a check run, which signs up and logs in dozens of times on a
// loaded laptop, could not afford them (OWASP: scrypt N = 2^17, PBKDF2-HMAC-SHA256 600,000 iterations).
// taskboard-auth's README states these numbers to the learner.
constexpr unsigned kScryptMinLogN = 14;
constexpr unsigned long long kScryptMinR = 8;
constexpr unsigned long long kPbkdf2MinIterations = 100000;
constexpr unsigned kBcryptMinCost = 10;
constexpr unsigned long long kArgon2MinMemoryKiB = 7168;      // OWASP: m = 7168 KiB with t = 5, …
constexpr unsigned long long kArgon2MinMemoryTimesT = 35840;  // … up to m = 47104 KiB with t = 1
constexpr std::size_t kMinSaltBytes = 16;
constexpr std::size_t kMinHashBytes = 16;

// Ceilings: what recomputing one value may cost roadwork (memory, time) before it is refused.
constexpr unsigned long long kMaxMemoryBytes = 1ULL << 30;
constexpr unsigned long long kMaxScryptP = 16;
constexpr unsigned long long kMaxPbkdf2Iterations = 10000000;
constexpr unsigned kBcryptMaxCost = 16;
constexpr unsigned long long kMaxArgon2T = 16;

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::optional<unsigned long long> number(std::string_view digits) {
  if (digits.empty() || digits.size() > 12 || !std::all_of(digits.begin(), digits.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      }))
    return std::nullopt;
  return std::stoull(std::string(digits));
}

// `a=1,b=2` into {a: 1, b: 2}; nullopt unless every item is name=number.
std::optional<std::map<std::string, unsigned long long, std::less<>>> parameters(std::string_view text) {
  std::map<std::string, unsigned long long, std::less<>> out;
  for (const auto item : split(text, ',')) {
    const auto equals = item.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    const auto value = number(item.substr(equals + 1));
    if (!value) return std::nullopt;
    out[std::string(item.substr(0, equals))] = *value;
  }
  return out;
}

// PHC's base64 (RFC 4648 §4 without padding), also with the URL-safe alphabet (§5), passlib's `.` for `+`,
// or padding.
std::optional<std::string> decode_b64(std::string_view text) {
  std::string digits;
  for (const char c : text) digits += c == '-' || c == '.' ? '+' : c == '_' ? '/' : c;
  while (!digits.empty() && digits.back() == '=') digits.pop_back();
  if (digits.size() % 4 == 1) return std::nullopt;
  digits.append((4 - digits.size() % 4) % 4, '=');
  return run::base64_decode(digits);
}

bool same_bytes(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::optional<PasswordHash> PasswordHash::parse(std::string_view stored, std::string& problem) {
  PasswordHash out;
  out.stored_ = std::string(stored);
  const auto fields = split(stored, '$');
  const auto fail = [&](std::string message) -> std::optional<PasswordHash> {
    problem = std::move(message);
    return std::nullopt;
  };
  // Salt and hash of scrypt and PBKDF2, whose sizes have floors too.
  const auto salt_and_hash = [&](std::string_view salt, std::string_view hash, bool salt_as_text) {
    auto salt_bytes = salt_as_text ? std::optional<std::string>(std::string(salt)) : decode_b64(salt);
    auto hash_bytes = decode_b64(hash);
    if (!salt_bytes || !hash_bytes) {
      problem = "its salt or hash is not base64";
      return false;
    }
    if (salt_bytes->size() < kMinSaltBytes || hash_bytes->size() < kMinHashBytes) {
      problem = fmt::format("its salt has {} bytes and its hash {}; each needs at least {}",
                            salt_bytes->size(), hash_bytes->size(), kMinSaltBytes);
      return false;
    }
    out.salt_ = std::move(*salt_bytes);
    out.hash_ = std::move(*hash_bytes);
    return true;
  };

  if (fields.size() == 5 && fields[0].empty() && fields[1] == "scrypt") {
    const auto p = parameters(fields[2]);
    if (!p || p->size() != 3 || !p->count("ln") || !p->count("r") || !p->count("p"))
      return fail("a $scrypt$ value needs its parameters as ln=<log2 N>,r=<r>,p=<p>");
    const auto ln = p->at("ln");
    out.scheme_ = Scheme::Scrypt;
    out.r_ = p->at("r");
    out.p_ = p->at("p");
    out.description_ = fmt::format("scrypt (N = 2^{}, r = {}, p = {})", ln, out.r_, out.p_);
    if (ln < kScryptMinLogN || out.r_ < kScryptMinR || out.p_ < 1)
      return fail(fmt::format("{} is below the floor N = 2^{}, r = {}, p = 1", out.description_,
                              kScryptMinLogN, kScryptMinR));
    if (ln >= 40 || 128ULL * out.r_ * (1ULL << ln) > kMaxMemoryBytes || out.p_ > kMaxScryptP)
      return fail(fmt::format("{} needs more than 1 GiB or p > {}: too costly to check", out.description_,
                              kMaxScryptP));
    out.n_ = 1ULL << ln;
    if (!salt_and_hash(fields[3], fields[4], false)) return std::nullopt;
    return out;
  }

  const bool phc_pbkdf2 = fields.size() == 5 && fields[0].empty() && fields[1] == "pbkdf2-sha256";
  const bool django_pbkdf2 = fields.size() == 4 && fields[0] == "pbkdf2_sha256";
  if (phc_pbkdf2 || django_pbkdf2) {
    const auto cost = fields[phc_pbkdf2 ? 2 : 1];
    auto iterations = number(cost);
    if (!iterations && phc_pbkdf2) {
      const auto p = parameters(cost);
      if (p && p->count("i")) iterations = p->at("i");
    }
    if (!iterations) return fail("a PBKDF2 value needs its iteration count after the scheme");
    out.scheme_ = Scheme::Pbkdf2Sha256;
    out.n_ = *iterations;
    out.description_ = fmt::format("PBKDF2-HMAC-SHA256 ({} iterations)", out.n_);
    if (out.n_ < kPbkdf2MinIterations)
      return fail(
          fmt::format("{} is below the floor of {} iterations", out.description_, kPbkdf2MinIterations));
    if (out.n_ > kMaxPbkdf2Iterations)
      return fail(fmt::format("{} is too costly to check", out.description_));
    if (!salt_and_hash(fields[fields.size() - 2], fields.back(), django_pbkdf2)) return std::nullopt;
    return out;
  }

  if (fields.size() == 4 && fields[0].empty() &&
      (fields[1] == "2a" || fields[1] == "2b" || fields[1] == "2y")) {
    const auto cost = number(fields[2]);
    if (!cost || fields[2].size() != 2 || fields[3].size() != 53)
      return fail("a bcrypt value is $2b$<two-digit cost>$<53 characters of salt and hash>");
    out.scheme_ = Scheme::Bcrypt;
    out.description_ = fmt::format("bcrypt (cost {})", *cost);
    if (*cost < kBcryptMinCost)
      return fail(fmt::format("{} is below the floor of cost {}", out.description_, kBcryptMinCost));
    if (*cost > kBcryptMaxCost) return fail(fmt::format("{} is too costly to check", out.description_));
    return out;
  }

  if (fields.size() >= 5 && fields[0].empty() &&
      (fields[1] == "argon2id" || fields[1] == "argon2i" || fields[1] == "argon2d")) {
    const auto p = parameters(fields[fields.size() - 3]);
    if (!p || !p->count("m") || !p->count("t") || !p->count("p"))
      return fail("an Argon2 value needs its parameters as m=<KiB>,t=<passes>,p=<lanes>");
    out.scheme_ = Scheme::Argon2;
    const auto m = p->at("m"), t = p->at("t");
    out.description_ = fmt::format("{} (m = {} KiB, t = {}, p = {})", fields[1], m, t, p->at("p"));
    if (m < kArgon2MinMemoryKiB || m * t < kArgon2MinMemoryTimesT)
      return fail(fmt::format("{} is below the floor m = 19456 KiB with t = 2 (or m·t ≥ {} with m ≥ {} KiB)",
                              out.description_, kArgon2MinMemoryTimesT, kArgon2MinMemoryKiB));
    if (m * 1024 > kMaxMemoryBytes || t > kMaxArgon2T || p->at("p") > kMaxScryptP)
      return fail(fmt::format("{} is too costly to check", out.description_));
    return out;
  }

  return fail(
      "it is not a password hash format roadwork recognises ($scrypt$ln=…,r=…,p=…$salt$hash, "
      "$pbkdf2-sha256$…, pbkdf2_sha256$…, bcrypt $2b$…, $argon2id$…)");
}

bool PasswordHash::verifies(std::string_view password) const {
  const std::string typed(password);
  std::string key(hash_.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(key.data());
  const auto* salt = reinterpret_cast<const unsigned char*>(salt_.data());
  switch (scheme_) {
    case Scheme::Scrypt:
      // maxmem bounds what OpenSSL may allocate; parse() already refused more than kMaxMemoryBytes.
      return EVP_PBE_scrypt(typed.data(), typed.size(), salt, salt_.size(), n_, r_, p_, 2 * kMaxMemoryBytes,
                            out, key.size()) == 1 &&
             same_bytes(key, hash_);
    case Scheme::Pbkdf2Sha256:
      return PKCS5_PBKDF2_HMAC(typed.data(), static_cast<int>(typed.size()), salt,
                               static_cast<int>(salt_.size()), static_cast<int>(n_), EVP_sha256(),
                               static_cast<int>(key.size()), out) == 1 &&
             same_bytes(key, hash_);
    case Scheme::Bcrypt: {
      crypt_data data{};
      const char* computed = crypt_r(typed.c_str(), stored_.c_str(), &data);
      return computed && computed[0] != '*' && same_bytes(computed, stored_);
    }
    case Scheme::Argon2: {
      const auto type = stored_.rfind("$argon2id$", 0) == 0  ? Argon2_id
                        : stored_.rfind("$argon2i$", 0) == 0 ? Argon2_i
                                                             : Argon2_d;
      return argon2_verify(stored_.c_str(), typed.data(), typed.size(), type) == ARGON2_OK;
    }
  }
  return false;
}

}  // namespace roadwork::checking
