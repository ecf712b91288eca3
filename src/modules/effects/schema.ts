// Tables of the effects module (accountability level 3): surveys and their responses, support trajectories with the
// result at outflow, stories with consent, complaints and objections. Residents appear only as keyed pseudonyms
// (the reach module's identity), never by identifier. One section per part.
export {};

// ------------------------------------------------------------------ surveys (survey-*.ts)

// ------------------------------------------------------------------ trajectories and outflow (outflow-*.ts)

// ------------------------------------------------------------------ stories (story-*.ts)

// ------------------------------------------------------------------ complaints and objections (complaint-*.ts)
