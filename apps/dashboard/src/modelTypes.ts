/** The review-and-adjust API as the Model view names it: the contract's types (`@dwell/contract`). */
export type {
  ActiveModels,
  AppliedModels as Applied,
  BandCounts,
  CalibratedSignal,
  CalibrationReport as Calibration,
  CalibrationOutcome as Outcome,
  CalibrationRequest,
  Issue,
  ModelCandidate as Candidate,
  ModelHistory as History,
  ModelHistoryItem as HistoryItem,
  ModelPreview as Preview,
  ModelScope as Scope,
  ModelSignal as Signal,
  ModelSpec as Model,
  PreviewContent,
} from '@dwell/contract';
