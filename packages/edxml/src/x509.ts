/**
 * @peculiar/x509, ready for use: its dependency injection needs the reflect-metadata polyfill
 * loaded first, and it does its cryptography with Node's WebCrypto.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as never);

export { x509 };
