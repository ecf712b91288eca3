// Tables of the catalogue module.
export {};
