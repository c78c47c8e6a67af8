// Public API of @ensemble/shared. Each export is listed by name (no `export *`).

// --- domain, document port, clock (owned by the domain work) ---

// --- sync protocol and relay store port (owned by the relay work) ---
