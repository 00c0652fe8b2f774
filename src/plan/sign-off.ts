// Who signs a firewall change request (the rows of the plan's sign-off block).
export const SIGN_OFF = ['Prepared by', 'Reviewed by (network / security)', 'Approved by (change board)'];
