// Tables of the places module.
export {};
