// The effects module's public entry: what later modules (indicators, accountability, subsidies) may use.
export {};
