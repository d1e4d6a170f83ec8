export { startStationAgent, KEYPAD_KEYS, RATING_KEYS, type StationAgent, type StationAgentOptions, type DeviceBinding } from "./agent.ts";
export { VirtualHid, watchHid, keyboardReader, scannerReader, hidPosReader, charOf, ENTER, type HidSource, type HidModule } from "./hid.ts";
export { startLocalProxy, unreachablePage, type LocalProxy, type LocalProxyOptions } from "./local-proxy.ts";
