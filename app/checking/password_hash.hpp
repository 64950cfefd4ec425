#pragma once
// A stored password hash read back: its scheme and cost parameters, checked against roadwork's floors, and
// recomputed for a candidate password (exercises/README.md: password_storage; OWASP Password Storage Cheat
// Sheet for the schemes and their costs).

#include <optional>
#include <string>
#include <string_view>

namespace roadwork::checking {

/// One stored value in a format roadwork recognises, with cost parameters at or above its floors:
///   `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>`      (PHC string format; N ≥ 2^14, r ≥ 8, p ≥ 1)
///   `$pbkdf2-sha256$[i=]<iterations>$<salt>$<hash>`     (PHC / passlib; iterations ≥ 100,000)
///   `pbkdf2_sha256$<iterations>$<salt text>$<hash>`      (Django: the salt is used as written)
///   `$2a$`, `$2b$`, `$2y$<cost>$…`                      (bcrypt; cost ≥ 10)
///   `$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>` (also argon2i, argon2d; m ≥ 7168 KiB and
///   m·t ≥ 35,840, the weakest of OWASP's equivalent settings)
/// Salts and hashes of PHC strings are base64 (standard, URL-safe or passlib's `.` alphabet, padding
/// optional).
class PasswordHash {
 public:
  /// Parses `stored`; nullopt with `problem` set to one sentence when it is not a recognised format, its
  /// parameters are below the floor, or above what a check may spend on recomputing it.
  static std::optional<PasswordHash> parse(std::string_view stored, std::string& problem);

  /// Whether hashing `password` with this value's salt and parameters gives this value's hash.
  bool verifies(std::string_view password) const;

  /// "scrypt (N = 2^14, r = 8, p = 1)", for messages.
  const std::string& description() const { return description_; }

 private:
  enum class Scheme { Scrypt, Pbkdf2Sha256, Bcrypt, Argon2 };
  Scheme scheme_ = Scheme::Scrypt;
  std::string stored_;                        // the whole value (bcrypt and Argon2 verify against it)
  std::string salt_, hash_;                   // decoded bytes (scrypt, PBKDF2)
  unsigned long long n_ = 0, r_ = 0, p_ = 0;  // scrypt's N, r, p; PBKDF2's iterations in n_
  std::string description_;
};

}  // namespace roadwork::checking
