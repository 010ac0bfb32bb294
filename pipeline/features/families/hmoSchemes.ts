/** The licence schemes that make a property a licensed HMO (hmo-harmonised/1.0, section 3). */
export const HMO_SCHEME_LIST = ['mandatory-hmo', 'additional-hmo'] as const;
