export { type CreatePolicyOptions, type CreatePolicyResult, createPolicyFile } from './create-policy-file.js';
export { detect } from './detect.js';
export { type PolicyPlan, planPolicyFile } from './plan-policy-file.js';
export { detectProductionBranch } from './production-branch.js';
