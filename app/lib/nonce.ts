import { createContext, useContext } from "react";

// The CSP nonce is only known on the server; in the browser it is not needed after hydration.
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
