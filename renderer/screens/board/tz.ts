import { useAppInfo } from '../../api/hooks';

/** The station's IANA time zone: check-in and return times are shown in station time. */
export const useStationTz = (): string | undefined => useAppInfo()?.station?.timeZone ?? undefined;
