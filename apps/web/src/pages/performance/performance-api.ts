import { API } from '@stagecraft/contract';
import { call } from '../../api/client.js';

/** A target with its progress, as `goals/progress` returns it. */
export interface TargetProgress {
  period: 'year' | 'quarter' | 'month' | 'week';
  start: string;
  orgUnit?: string;
  amount: number;
  progress: {
    actual: number;
    expected: number;
    attainment: number | null;
    deviation: number | null;
    status: 'behind' | 'on_track' | 'ahead';
    flagged: boolean;
  };
}

/** One accuracy line: what a rep's forecast said on a day about a period, against what closed. */
export interface AccuracyLine {
  takenOn: string;
  owner: string | null;
  ownerName: string;
  period: string;
  forecast: number;
  actual: number;
  accuracy: number | null;
}

/** One rep's scorecard line, named. */
export interface ScoreLine {
  owner: string;
  ownerName: string;
  score: number;
  rank: number;
  metrics: { id: string; kind: string; value: number | null; points: number; weight: number }[];
}

/** Goals, forecasts and scorecards of a published app, all read under the caller's scope. */
export const performanceApi = {
  goals: (app: string) => call(API.goals.listGoals, { params: { app } }),
  documents: (app: string) => call(API.forecast.listForecasts, { params: { app } }),
  split: (app: string, target: unknown, across?: { orgUnit: string }[]) =>
    call(API.goals.splitGoal, { params: { app }, body: { target, ...(across ? { across } : {}) } }),
  progress: (app: string, goal: string | Record<string, unknown>) =>
    call(API.goals.goalProgress, { params: { app }, body: { goal } }),
  orgUnits: () => call(API.users.listOrgUnits),
  forecast: (app: string, settings: string, byOwner: boolean) =>
    call(API.forecast.runForecast, { params: { app }, body: { settings, byOwner } }),
  accuracy: (app: string, settings: string) =>
    call(API.forecast.forecastAccuracy, { params: { app }, body: { settings } }),
  scorecard: (app: string, scorecard: string) =>
    call(API.forecast.computeScorecard, { params: { app }, body: { scorecard } }),
};
