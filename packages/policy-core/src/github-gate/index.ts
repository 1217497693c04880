/** `slipway gate`'s pure half: GitHub's deployment_protection_rule delivery, its review URL, the answer. */
export * from './protection-rule-event.js';
export * from './review-url.js';
export * from './deployment-review.js';
